pe_mac_s8_a32.v
