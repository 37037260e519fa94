// Test design: a 32-bit counter with synchronous active-high reset and enable;
// at_limit is combinational (count == limit).
`default_nettype none
module counter (
  input  wire        clk,
  input  wire        rst,
  input  wire        enable,
  input  wire [31:0] limit,
  output reg  [31:0] count,
  output wire        at_limit
);
  always @(posedge clk) begin
    if (rst) count <= 32'd0;
    else if (enable) count <= count + 32'd1;
  end
  assign at_limit = (count == limit);
endmodule
`default_nettype wire
