// Test design: an AXI4 master (64-bit data, 32-bit address, 4-bit ID) whose every output is a
// top-level input passed through unchanged (drv_awaddr -> m_axi_awaddr, ...), so a Java test can
// drive any legal or illegal sequence cycle by cycle. The slave's signals are read from the
// m_axi_* input ports themselves. Hand-written; lint: verilator --lint-only -Wall axi_manual.v
`default_nettype none
module axi_manual (
  // verilator lint_off UNUSEDSIGNAL
  // clk only clocks the AXI model outside; the slave's outputs are observed through the ports
  input  wire        clk,
  // master outputs, driven from Java
  input  wire [3:0]   drv_awid,
  input  wire [31:0]  drv_awaddr,
  input  wire [7:0]   drv_awlen,
  input  wire [2:0]   drv_awsize,
  input  wire [1:0]   drv_awburst,
  input  wire         drv_awlock,
  input  wire [3:0]   drv_awcache,
  input  wire [2:0]   drv_awprot,
  input  wire [3:0]   drv_awqos,
  input  wire         drv_awvalid,
  input  wire [63:0]  drv_wdata,
  input  wire [7:0]   drv_wstrb,
  input  wire         drv_wlast,
  input  wire         drv_wvalid,
  input  wire         drv_bready,
  input  wire [3:0]   drv_arid,
  input  wire [31:0]  drv_araddr,
  input  wire [7:0]   drv_arlen,
  input  wire [2:0]   drv_arsize,
  input  wire [1:0]   drv_arburst,
  input  wire         drv_arlock,
  input  wire [3:0]   drv_arcache,
  input  wire [2:0]   drv_arprot,
  input  wire [3:0]   drv_arqos,
  input  wire         drv_arvalid,
  input  wire         drv_rready,
  // the AXI4 master port
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
  output wire [63:0]  m_axi_wdata,
  output wire [7:0]   m_axi_wstrb,
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
  input  wire [63:0]  m_axi_rdata,
  input  wire [1:0]   m_axi_rresp,
  input  wire         m_axi_rlast,
  input  wire         m_axi_rvalid,
  output wire         m_axi_rready
  // verilator lint_on UNUSEDSIGNAL
);
  assign m_axi_awid = drv_awid;
  assign m_axi_awaddr = drv_awaddr;
  assign m_axi_awlen = drv_awlen;
  assign m_axi_awsize = drv_awsize;
  assign m_axi_awburst = drv_awburst;
  assign m_axi_awlock = drv_awlock;
  assign m_axi_awcache = drv_awcache;
  assign m_axi_awprot = drv_awprot;
  assign m_axi_awqos = drv_awqos;
  assign m_axi_awvalid = drv_awvalid;
  assign m_axi_wdata = drv_wdata;
  assign m_axi_wstrb = drv_wstrb;
  assign m_axi_wlast = drv_wlast;
  assign m_axi_wvalid = drv_wvalid;
  assign m_axi_bready = drv_bready;
  assign m_axi_arid = drv_arid;
  assign m_axi_araddr = drv_araddr;
  assign m_axi_arlen = drv_arlen;
  assign m_axi_arsize = drv_arsize;
  assign m_axi_arburst = drv_arburst;
  assign m_axi_arlock = drv_arlock;
  assign m_axi_arcache = drv_arcache;
  assign m_axi_arprot = drv_arprot;
  assign m_axi_arqos = drv_arqos;
  assign m_axi_arvalid = drv_arvalid;
  assign m_axi_rready = drv_rready;
endmodule
`default_nettype wire
