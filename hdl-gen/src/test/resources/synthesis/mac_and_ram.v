// A registered 12 x 12 multiply-accumulate and a 256 x 16 synchronous-read RAM: the smallest design
// in which every synthesis flow must use one DSP block and one block RAM (SynthesisTest).
`default_nettype none
module mac_and_ram (
  input  wire        clk,
  input  wire        clear,
  input  wire [11:0] a,
  input  wire [11:0] b,
  output reg  [31:0] acc,
  input  wire        we,
  input  wire [7:0]  waddr,
  input  wire [15:0] wdata,
  input  wire [7:0]  raddr,
  output reg  [15:0] rdata
);
  reg [15:0] mem [0:255];
  always @(posedge clk) begin
    acc <= clear ? 32'd0 : acc + a * b;
    if (we) mem[waddr] <= wdata;
    rdata <= mem[raddr];
  end
endmodule
`default_nettype wire
