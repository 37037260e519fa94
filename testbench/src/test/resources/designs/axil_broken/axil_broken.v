// axil_broken: a hand-written AXI4-Lite slave that breaks the protocol on purpose, one bug per
// value of `mode`, to prove the AXI4-Lite master's checks (AxiLiteProtocolCheckTest).
//   0: legal (one register at any address; reads return it, writes set it)
//   1: BVALID is a one-cycle pulse: dropped before BREADY when the master is not ready
//   2: RDATA counts up every cycle while RVALID is high: payload unstable before RREADY
//   3: BVALID raised with no write in flight (from the second cycle on)
//   4: RVALID stays high for a second cycle after its handshake: two responses to one read
`default_nettype none
module axil_broken (
  input  wire        clk,
  input  wire [2:0]  mode,
  input  wire [11:0] s_axi_awaddr,
  input  wire [2:0]  s_axi_awprot,
  input  wire        s_axi_awvalid,
  output wire        s_axi_awready,
  input  wire [31:0] s_axi_wdata,
  input  wire [3:0]  s_axi_wstrb,
  input  wire        s_axi_wvalid,
  output wire        s_axi_wready,
  output wire [1:0]  s_axi_bresp,
  output reg         s_axi_bvalid,
  input  wire        s_axi_bready,
  input  wire [11:0] s_axi_araddr,
  input  wire [2:0]  s_axi_arprot,
  input  wire        s_axi_arvalid,
  output wire        s_axi_arready,
  output reg  [31:0] s_axi_rdata,
  output wire [1:0]  s_axi_rresp,
  output reg         s_axi_rvalid,
  input  wire        s_axi_rready
);
  reg [31:0] value_q = 32'h0;
  reg        started_q = 1'b0;
  reg        second_q = 1'b0;
  wire write_now = s_axi_awvalid && s_axi_wvalid && !s_axi_bvalid;
  assign s_axi_awready = write_now;
  assign s_axi_wready = write_now;
  assign s_axi_bresp = 2'd0;
  assign s_axi_arready = !s_axi_rvalid;
  assign s_axi_rresp = 2'd0;
  initial begin
    s_axi_bvalid = 1'b0;
    s_axi_rvalid = 1'b0;
    s_axi_rdata = 32'h0;
  end
  always @(posedge clk) begin
    started_q <= 1'b1;
    if (write_now) value_q <= s_axi_wdata;
    if (mode == 3'd3 && started_q) s_axi_bvalid <= 1'b1;
    else if (write_now) s_axi_bvalid <= 1'b1;
    else if (mode == 3'd1 || s_axi_bready) s_axi_bvalid <= 1'b0;
    second_q <= 1'b0;
    if (s_axi_arvalid && s_axi_arready) begin
      s_axi_rvalid <= 1'b1;
      s_axi_rdata <= value_q;
    end else if (s_axi_rvalid && s_axi_rready) begin
      s_axi_rvalid <= mode == 3'd4 && !second_q;
      second_q <= mode == 3'd4 && !second_q;
    end else if (s_axi_rvalid && mode == 3'd2) begin
      s_axi_rdata <= s_axi_rdata + 32'd1;
    end
  end
  wire unused = &{1'b0, s_axi_awaddr, s_axi_awprot, s_axi_wstrb, s_axi_araddr, s_axi_arprot};
endmodule
`default_nettype wire
