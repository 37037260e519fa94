// A weight-stationary int8 PE written by hand, the area reference for the generated
// pe_ws_s8xs8_a32 (same ports, same behaviour): two weight buffers loaded from a shift
// chain, one 8 x 8 multiplier, one 32-bit adder, registered outputs.
`default_nettype none

module pe_ws_int8_hand (
  input  wire               clk,
  input  wire               rst,
  input  wire               en,
  input  wire               w_shift,
  input  wire               w_commit,
  input  wire               w_commit_buf,
  input  wire signed [7:0]  a_in,
  input  wire               valid_in,
  input  wire               sel_in,
  output reg  signed [7:0]  a_out,
  output reg                valid_out,
  output reg                sel_out,
  input  wire signed [7:0]  b_in,
  output reg  signed [7:0]  b_out,
  input  wire signed [31:0] psum_in,
  output reg  signed [31:0] psum_out
);

  reg signed [7:0] w0;
  reg signed [7:0] w1;

  wire signed [7:0]  w   = sel_in ? w1 : w0;
  wire signed [15:0] mul = a_in * w;

  always @(posedge clk) begin
    if (rst) begin
      valid_out <= 1'b0;
    end else if (en) begin
      valid_out <= valid_in;
    end
    if (en) begin
      a_out  <= a_in;
      sel_out <= sel_in;
      if (w_shift) b_out <= b_in;
      if (w_commit && !w_commit_buf) w0 <= b_out;
      if (w_commit && w_commit_buf) w1 <= b_out;
      if (valid_in) psum_out <= psum_in + mul;
    end
  end

endmodule

`default_nettype wire
