// accel_subsystem: the Serrano accelerator (rtl-out/accelerator_default) as a block to drop between
// two ports of a SoC's AXI interconnect. Hand-written example; see docs/flows.md.
//
//   CPU --AXI4-Lite--> [interconnect M port] --> s_axil_*   accel_subsystem   m_axi_* --> [interconnect S port] --> DDR
//                                                                 irq --> interrupt controller
//
// What the wrapper adds to the generated top:
// - AXI naming and reset: one aclk, an active-low aresetn as interconnects use, synchronised here
//   into the accelerator's synchronous active-high rst (asserted at once, released after two clocks);
// - the register port at a full 32-bit address: the interconnect decodes the base address
//   (a 4 KiB window: the accelerator uses address bits 11:0), the wrapper passes the offset;
// - the AXI4 master as generated (ID 4 bits, 128-bit data, bursts up to 256 beats, 32-bit
//   addresses); AxCACHE/AxPROT/AxQOS come from the accelerator's own outputs.
// Lint: verilator --lint-only -Wall and iverilog -g2005 with the files of rtl-out/accelerator_default
// (dev.serrano.hdl.emit.AxiExampleTest).
`default_nettype none

module accel_subsystem (
  input  wire         aclk,
  input  wire         aresetn,
  // s_axil: AXI4-Lite slave (registers and command queue), from an interconnect master port
  input  wire [31:0]  s_axil_awaddr,
  input  wire [2:0]   s_axil_awprot,
  input  wire         s_axil_awvalid,
  output wire         s_axil_awready,
  input  wire [31:0]  s_axil_wdata,
  input  wire [3:0]   s_axil_wstrb,
  input  wire         s_axil_wvalid,
  output wire         s_axil_wready,
  output wire [1:0]   s_axil_bresp,
  output wire         s_axil_bvalid,
  input  wire         s_axil_bready,
  input  wire [31:0]  s_axil_araddr,
  input  wire [2:0]   s_axil_arprot,
  input  wire         s_axil_arvalid,
  output wire         s_axil_arready,
  output wire [31:0]  s_axil_rdata,
  output wire [1:0]   s_axil_rresp,
  output wire         s_axil_rvalid,
  input  wire         s_axil_rready,
  // m_axi: AXI4 master (DMA), to an interconnect slave port towards memory
  output wire [3:0]   m_axi_awid,
  output wire [31:0]  m_axi_awaddr,
  output wire [7:0]   m_axi_awlen,
  output wire [2:0]   m_axi_awsize,
  output wire [1:0]   m_axi_awburst,
  output wire         m_axi_awlock,
  output wire [3:0]   m_axi_awcache,
  output wire [2:0]   m_axi_awprot,
  output wire [3:0]   m_axi_awqos,
  output wire         m_axi_awvalid,
  input  wire         m_axi_awready,
  output wire [127:0] m_axi_wdata,
  output wire [15:0]  m_axi_wstrb,
  output wire         m_axi_wlast,
  output wire         m_axi_wvalid,
  input  wire         m_axi_wready,
  input  wire [3:0]   m_axi_bid,
  input  wire [1:0]   m_axi_bresp,
  input  wire         m_axi_bvalid,
  output wire         m_axi_bready,
  output wire [3:0]   m_axi_arid,
  output wire [31:0]  m_axi_araddr,
  output wire [7:0]   m_axi_arlen,
  output wire [2:0]   m_axi_arsize,
  output wire [1:0]   m_axi_arburst,
  output wire         m_axi_arlock,
  output wire [3:0]   m_axi_arcache,
  output wire [2:0]   m_axi_arprot,
  output wire [3:0]   m_axi_arqos,
  output wire         m_axi_arvalid,
  input  wire         m_axi_arready,
  input  wire [3:0]   m_axi_rid,
  input  wire [127:0] m_axi_rdata,
  input  wire [1:0]   m_axi_rresp,
  input  wire         m_axi_rlast,
  input  wire         m_axi_rvalid,
  output wire         m_axi_rready,
  // interrupt (level: high while an event enabled in irq_enable is set, docs/accelerator.md)
  output wire         irq
);
  // Reset: asserted asynchronously by aresetn, released synchronously to aclk.
  reg [1:0] reset_q;

  always @(posedge aclk or negedge aresetn) begin
    if (!aresetn) begin
      reset_q <= 2'b11;
    end else begin
      reset_q <= {reset_q[0], 1'b0};
    end
  end

  // The upper address bits select this block in the interconnect; the accelerator sees the offset.
  wire [19:0] unused_awaddr_high = s_axil_awaddr[31:12];
  wire [19:0] unused_araddr_high = s_axil_araddr[31:12];

  accelerator_16x16_ws_s8xs8_a32_sp4x4096_acc2x512_d128_a32_i4_b256_o16_q16_t8 u_accel (
    .clk           (aclk),
    .rst           (reset_q[1]),
    .s_axi_awaddr  (s_axil_awaddr[11:0]),
    .s_axi_awprot  (s_axil_awprot),
    .s_axi_awvalid (s_axil_awvalid),
    .s_axi_awready (s_axil_awready),
    .s_axi_wdata   (s_axil_wdata),
    .s_axi_wstrb   (s_axil_wstrb),
    .s_axi_wvalid  (s_axil_wvalid),
    .s_axi_wready  (s_axil_wready),
    .s_axi_bresp   (s_axil_bresp),
    .s_axi_bvalid  (s_axil_bvalid),
    .s_axi_bready  (s_axil_bready),
    .s_axi_araddr  (s_axil_araddr[11:0]),
    .s_axi_arprot  (s_axil_arprot),
    .s_axi_arvalid (s_axil_arvalid),
    .s_axi_arready (s_axil_arready),
    .s_axi_rdata   (s_axil_rdata),
    .s_axi_rresp   (s_axil_rresp),
    .s_axi_rvalid  (s_axil_rvalid),
    .s_axi_rready  (s_axil_rready),
    .m_axi_awid    (m_axi_awid),
    .m_axi_awaddr  (m_axi_awaddr),
    .m_axi_awlen   (m_axi_awlen),
    .m_axi_awsize  (m_axi_awsize),
    .m_axi_awburst (m_axi_awburst),
    .m_axi_awlock  (m_axi_awlock),
    .m_axi_awcache (m_axi_awcache),
    .m_axi_awprot  (m_axi_awprot),
    .m_axi_awqos   (m_axi_awqos),
    .m_axi_awvalid (m_axi_awvalid),
    .m_axi_awready (m_axi_awready),
    .m_axi_wdata   (m_axi_wdata),
    .m_axi_wstrb   (m_axi_wstrb),
    .m_axi_wlast   (m_axi_wlast),
    .m_axi_wvalid  (m_axi_wvalid),
    .m_axi_wready  (m_axi_wready),
    .m_axi_bid     (m_axi_bid),
    .m_axi_bresp   (m_axi_bresp),
    .m_axi_bvalid  (m_axi_bvalid),
    .m_axi_bready  (m_axi_bready),
    .m_axi_arid    (m_axi_arid),
    .m_axi_araddr  (m_axi_araddr),
    .m_axi_arlen   (m_axi_arlen),
    .m_axi_arsize  (m_axi_arsize),
    .m_axi_arburst (m_axi_arburst),
    .m_axi_arlock  (m_axi_arlock),
    .m_axi_arcache (m_axi_arcache),
    .m_axi_arprot  (m_axi_arprot),
    .m_axi_arqos   (m_axi_arqos),
    .m_axi_arvalid (m_axi_arvalid),
    .m_axi_arready (m_axi_arready),
    .m_axi_rid     (m_axi_rid),
    .m_axi_rdata   (m_axi_rdata),
    .m_axi_rresp   (m_axi_rresp),
    .m_axi_rlast   (m_axi_rlast),
    .m_axi_rvalid  (m_axi_rvalid),
    .m_axi_rready  (m_axi_rready),
    .irq           (irq)
  );
endmodule

`default_nettype wire
