port_widths.v
