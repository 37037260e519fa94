// Test design: input ports of many widths, each output = input + 1 (wrapping).
`default_nettype none
module port_widths (
  input  wire in_u1,
  output wire out_u1,
  input  wire signed in_s1,
  output wire signed out_s1,
  input  wire [7:0] in_u8,
  output wire [7:0] out_u8,
  input  wire signed [7:0] in_s8,
  output wire signed [7:0] out_s8,
  input  wire [31:0] in_u32,
  output wire [31:0] out_u32,
  input  wire signed [31:0] in_s32,
  output wire signed [31:0] out_s32,
  input  wire [62:0] in_u63,
  output wire [62:0] out_u63,
  input  wire signed [62:0] in_s63,
  output wire signed [62:0] out_s63,
  input  wire [63:0] in_u64,
  output wire [63:0] out_u64,
  input  wire signed [63:0] in_s64,
  output wire signed [63:0] out_s64,
  input  wire [64:0] in_u65,
  output wire [64:0] out_u65,
  input  wire signed [64:0] in_s65,
  output wire signed [64:0] out_s65,
  input  wire [127:0] in_u128,
  output wire [127:0] out_u128,
  input  wire signed [127:0] in_s128,
  output wire signed [127:0] out_s128,
  input  wire [299:0] in_u300,
  output wire [299:0] out_u300,
  input  wire signed [299:0] in_s300,
  output wire signed [299:0] out_s300
);
  assign out_u1 = in_u1 + 1'd1;
  assign out_s1 = in_s1 + 1'd1;
  assign out_u8 = in_u8 + 8'd1;
  assign out_s8 = in_s8 + 8'd1;
  assign out_u32 = in_u32 + 32'd1;
  assign out_s32 = in_s32 + 32'd1;
  assign out_u63 = in_u63 + 63'd1;
  assign out_s63 = in_s63 + 63'd1;
  assign out_u64 = in_u64 + 64'd1;
  assign out_s64 = in_s64 + 64'd1;
  assign out_u65 = in_u65 + 65'd1;
  assign out_s65 = in_s65 + 65'd1;
  assign out_u128 = in_u128 + 128'd1;
  assign out_s128 = in_s128 + 128'd1;
  assign out_u300 = in_u300 + 300'd1;
  assign out_s300 = in_s300 + 300'd1;
endmodule
`default_nettype wire
