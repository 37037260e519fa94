// Test design: two AXI4 master ports (a_axi: 32-bit data, 40-bit address, 1-bit ID; b_axi:
// 256-bit data, 64-bit address, 16-bit ID) whose outputs are top-level inputs passed through
// (drv_a_awaddr -> a_axi_awaddr, ...), to check that each bus gets its own AXI model and that the
// widest port types bind. Hand-written; lint: verilator --lint-only -Wall axi_dual.v
`default_nettype none
module axi_dual (
  // verilator lint_off UNUSEDSIGNAL
  // clk only clocks the AXI models outside; the slaves' outputs are observed through the ports
  input  wire         clk,
  // bus a_axi: master outputs, driven from Java
  input  wire           drv_a_awid,
  input  wire [39:0]    drv_a_awaddr,
  input  wire [7:0]     drv_a_awlen,
  input  wire [2:0]     drv_a_awsize,
  input  wire [1:0]     drv_a_awburst,
  input  wire           drv_a_awlock,
  input  wire [3:0]     drv_a_awcache,
  input  wire [2:0]     drv_a_awprot,
  input  wire [3:0]     drv_a_awqos,
  input  wire           drv_a_awvalid,
  input  wire [31:0]    drv_a_wdata,
  input  wire [3:0]     drv_a_wstrb,
  input  wire           drv_a_wlast,
  input  wire           drv_a_wvalid,
  input  wire           drv_a_bready,
  input  wire           drv_a_arid,
  input  wire [39:0]    drv_a_araddr,
  input  wire [7:0]     drv_a_arlen,
  input  wire [2:0]     drv_a_arsize,
  input  wire [1:0]     drv_a_arburst,
  input  wire           drv_a_arlock,
  input  wire [3:0]     drv_a_arcache,
  input  wire [2:0]     drv_a_arprot,
  input  wire [3:0]     drv_a_arqos,
  input  wire           drv_a_arvalid,
  input  wire           drv_a_rready,
  // bus a_axi: the AXI4 master port
  output wire           a_axi_awid,
  output wire [39:0]    a_axi_awaddr,
  output wire [7:0]     a_axi_awlen,
  output wire [2:0]     a_axi_awsize,
  output wire [1:0]     a_axi_awburst,
  output wire           a_axi_awlock,
  output wire [3:0]     a_axi_awcache,
  output wire [2:0]     a_axi_awprot,
  output wire [3:0]     a_axi_awqos,
  output wire           a_axi_awvalid,
  input  wire           a_axi_awready,
  output wire [31:0]    a_axi_wdata,
  output wire [3:0]     a_axi_wstrb,
  output wire           a_axi_wlast,
  output wire           a_axi_wvalid,
  input  wire           a_axi_wready,
  input  wire           a_axi_bid,
  input  wire [1:0]     a_axi_bresp,
  input  wire           a_axi_bvalid,
  output wire           a_axi_bready,
  output wire           a_axi_arid,
  output wire [39:0]    a_axi_araddr,
  output wire [7:0]     a_axi_arlen,
  output wire [2:0]     a_axi_arsize,
  output wire [1:0]     a_axi_arburst,
  output wire           a_axi_arlock,
  output wire [3:0]     a_axi_arcache,
  output wire [2:0]     a_axi_arprot,
  output wire [3:0]     a_axi_arqos,
  output wire           a_axi_arvalid,
  input  wire           a_axi_arready,
  input  wire           a_axi_rid,
  input  wire [31:0]    a_axi_rdata,
  input  wire [1:0]     a_axi_rresp,
  input  wire           a_axi_rlast,
  input  wire           a_axi_rvalid,
  output wire           a_axi_rready,
  // bus b_axi: master outputs, driven from Java
  input  wire [15:0]    drv_b_awid,
  input  wire [63:0]    drv_b_awaddr,
  input  wire [7:0]     drv_b_awlen,
  input  wire [2:0]     drv_b_awsize,
  input  wire [1:0]     drv_b_awburst,
  input  wire           drv_b_awlock,
  input  wire [3:0]     drv_b_awcache,
  input  wire [2:0]     drv_b_awprot,
  input  wire [3:0]     drv_b_awqos,
  input  wire           drv_b_awvalid,
  input  wire [255:0]   drv_b_wdata,
  input  wire [31:0]    drv_b_wstrb,
  input  wire           drv_b_wlast,
  input  wire           drv_b_wvalid,
  input  wire           drv_b_bready,
  input  wire [15:0]    drv_b_arid,
  input  wire [63:0]    drv_b_araddr,
  input  wire [7:0]     drv_b_arlen,
  input  wire [2:0]     drv_b_arsize,
  input  wire [1:0]     drv_b_arburst,
  input  wire           drv_b_arlock,
  input  wire [3:0]     drv_b_arcache,
  input  wire [2:0]     drv_b_arprot,
  input  wire [3:0]     drv_b_arqos,
  input  wire           drv_b_arvalid,
  input  wire           drv_b_rready,
  // bus b_axi: the AXI4 master port
  output wire [15:0]    b_axi_awid,
  output wire [63:0]    b_axi_awaddr,
  output wire [7:0]     b_axi_awlen,
  output wire [2:0]     b_axi_awsize,
  output wire [1:0]     b_axi_awburst,
  output wire           b_axi_awlock,
  output wire [3:0]     b_axi_awcache,
  output wire [2:0]     b_axi_awprot,
  output wire [3:0]     b_axi_awqos,
  output wire           b_axi_awvalid,
  input  wire           b_axi_awready,
  output wire [255:0]   b_axi_wdata,
  output wire [31:0]    b_axi_wstrb,
  output wire           b_axi_wlast,
  output wire           b_axi_wvalid,
  input  wire           b_axi_wready,
  input  wire [15:0]    b_axi_bid,
  input  wire [1:0]     b_axi_bresp,
  input  wire           b_axi_bvalid,
  output wire           b_axi_bready,
  output wire [15:0]    b_axi_arid,
  output wire [63:0]    b_axi_araddr,
  output wire [7:0]     b_axi_arlen,
  output wire [2:0]     b_axi_arsize,
  output wire [1:0]     b_axi_arburst,
  output wire           b_axi_arlock,
  output wire [3:0]     b_axi_arcache,
  output wire [2:0]     b_axi_arprot,
  output wire [3:0]     b_axi_arqos,
  output wire           b_axi_arvalid,
  input  wire           b_axi_arready,
  input  wire [15:0]    b_axi_rid,
  input  wire [255:0]   b_axi_rdata,
  input  wire [1:0]     b_axi_rresp,
  input  wire           b_axi_rlast,
  input  wire           b_axi_rvalid,
  output wire           b_axi_rready
  // verilator lint_on UNUSEDSIGNAL
);
  assign a_axi_awid = drv_a_awid;
  assign a_axi_awaddr = drv_a_awaddr;
  assign a_axi_awlen = drv_a_awlen;
  assign a_axi_awsize = drv_a_awsize;
  assign a_axi_awburst = drv_a_awburst;
  assign a_axi_awlock = drv_a_awlock;
  assign a_axi_awcache = drv_a_awcache;
  assign a_axi_awprot = drv_a_awprot;
  assign a_axi_awqos = drv_a_awqos;
  assign a_axi_awvalid = drv_a_awvalid;
  assign a_axi_wdata = drv_a_wdata;
  assign a_axi_wstrb = drv_a_wstrb;
  assign a_axi_wlast = drv_a_wlast;
  assign a_axi_wvalid = drv_a_wvalid;
  assign a_axi_bready = drv_a_bready;
  assign a_axi_arid = drv_a_arid;
  assign a_axi_araddr = drv_a_araddr;
  assign a_axi_arlen = drv_a_arlen;
  assign a_axi_arsize = drv_a_arsize;
  assign a_axi_arburst = drv_a_arburst;
  assign a_axi_arlock = drv_a_arlock;
  assign a_axi_arcache = drv_a_arcache;
  assign a_axi_arprot = drv_a_arprot;
  assign a_axi_arqos = drv_a_arqos;
  assign a_axi_arvalid = drv_a_arvalid;
  assign a_axi_rready = drv_a_rready;
  assign b_axi_awid = drv_b_awid;
  assign b_axi_awaddr = drv_b_awaddr;
  assign b_axi_awlen = drv_b_awlen;
  assign b_axi_awsize = drv_b_awsize;
  assign b_axi_awburst = drv_b_awburst;
  assign b_axi_awlock = drv_b_awlock;
  assign b_axi_awcache = drv_b_awcache;
  assign b_axi_awprot = drv_b_awprot;
  assign b_axi_awqos = drv_b_awqos;
  assign b_axi_awvalid = drv_b_awvalid;
  assign b_axi_wdata = drv_b_wdata;
  assign b_axi_wstrb = drv_b_wstrb;
  assign b_axi_wlast = drv_b_wlast;
  assign b_axi_wvalid = drv_b_wvalid;
  assign b_axi_bready = drv_b_bready;
  assign b_axi_arid = drv_b_arid;
  assign b_axi_araddr = drv_b_araddr;
  assign b_axi_arlen = drv_b_arlen;
  assign b_axi_arsize = drv_b_arsize;
  assign b_axi_arburst = drv_b_arburst;
  assign b_axi_arlock = drv_b_arlock;
  assign b_axi_arcache = drv_b_arcache;
  assign b_axi_arprot = drv_b_arprot;
  assign b_axi_arqos = drv_b_arqos;
  assign b_axi_arvalid = drv_b_arvalid;
  assign b_axi_rready = drv_b_rready;
endmodule
`default_nettype wire
