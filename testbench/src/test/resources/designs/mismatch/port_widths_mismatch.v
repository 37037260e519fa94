// Test design whose interface JSON (mismatch.json) claims a wrong port width.
`default_nettype none
module port_widths_mismatch (
  input  wire [7:0] in_u8,
  output wire [7:0] out_u8
);
  assign out_u8 = in_u8;
endmodule
`default_nettype wire
