// serrano_tb_axil_master: the AXI4-Lite master of Serrano's generated Icarus test benches, a
// behavioural copy of the native master (testbench/.../build/serrano_axil_master.h) without random
// delays, so a trace replays with the same cycles under Icarus as on Verilator.
//
// Operations come from `ops` (four 64-bit words each: kind 1 write / 2 read / 3 poll, address,
// data | strobes << 32 or value | mask << 32, poll cycle limit), loaded by the test bench; the
// sequencer releases them (`released`) as the recording submitted them. One operation at a time:
// a write raises AWVALID and WVALID together, then BREADY once both handshakes happened; a read
// raises ARVALID, then RREADY; a poll re-reads until (RDATA & mask) == value with OKAY or until its
// limit has passed since it started. As natively, each rising edge first samples the handshakes of
// that edge and completes an operation, then starts the next released one in the same edge and
// drives the outputs for the next edge. Each completed operation's value, response, match and
// completion cycle are kept for the test bench to print.
`default_nettype none
module serrano_tb_axil_master #(
  parameter integer ADDR_WIDTH = 12,
  parameter integer OPS = 1
) (
  input  wire                  clk,
  input  wire [63:0]           cycles,
  input  wire [31:0]           released,
  output reg  [ADDR_WIDTH-1:0] awaddr,
  output reg  [2:0]            awprot,
  output reg                   awvalid,
  input  wire                  awready,
  output reg  [31:0]           wdata,
  output reg  [3:0]            wstrb,
  output reg                   wvalid,
  input  wire                  wready,
  input  wire [1:0]            bresp,
  input  wire                  bvalid,
  output reg                   bready,
  output reg  [ADDR_WIDTH-1:0] araddr,
  output reg  [2:0]            arprot,
  output reg                   arvalid,
  input  wire                  arready,
  input  wire [31:0]           rdata,
  input  wire [1:0]            rresp,
  input  wire                  rvalid,
  output reg                   rready
);
  reg [63:0] ops [0:4*OPS-1];
  reg [31:0] result_value [0:OPS-1];
  reg [1:0]  result_response [0:OPS-1];
  reg        result_matched [0:OPS-1];
  reg [63:0] result_cycle [0:OPS-1];
  reg [31:0] started = 32'd0;
  reg [31:0] completed = 32'd0;

  reg        active = 1'b0;
  reg        aw_done = 1'b0, w_done = 1'b0, ar_done = 1'b0;
  reg [63:0] kind, address, data, limit, started_edge, edge_now;
  reg        writing, reading, matched;

  initial begin
    awaddr = {ADDR_WIDTH{1'b0}};
    awprot = 3'd0;
    awvalid = 1'b0;
    wdata = 32'd0;
    wstrb = 4'd0;
    wvalid = 1'b0;
    bready = 1'b0;
    araddr = {ADDR_WIDTH{1'b0}};
    arprot = 3'd0;
    arvalid = 1'b0;
    rready = 1'b0;
  end

  task complete(input [31:0] value, input [1:0] response, input match);
    begin
      result_value[completed] = value;
      result_response[completed] = response;
      result_matched[completed] = match;
      result_cycle[completed] = edge_now + 1;
      completed = completed + 1;
      active = 1'b0;
    end
  endtask

  always @(posedge clk) begin
    edge_now = cycles;
    if (awvalid && awready) aw_done = 1'b1;
    if (wvalid && wready) w_done = 1'b1;
    if (arvalid && arready) ar_done = 1'b1;
    if (bvalid && bready) begin
      complete(32'd0, bresp, 1'b1);
    end else if (rvalid && rready) begin
      matched = kind != 64'd3 || (rresp == 2'd0 && (rdata & data[63:32]) == data[31:0]);
      if (kind == 64'd3 && !matched && edge_now - started_edge < limit) begin
        ar_done = 1'b0;  // read again
      end else begin
        complete(rdata, rresp, matched);
      end
    end

    if (!active && started != released) begin
      kind = ops[4 * started];
      address = ops[4 * started + 1];
      data = ops[4 * started + 2];
      limit = ops[4 * started + 3];
      started = started + 1;
      active = 1'b1;
      aw_done = 1'b0;
      w_done = 1'b0;
      ar_done = 1'b0;
      started_edge = edge_now;
    end
    writing = active && kind == 64'd1;
    reading = active && kind != 64'd1;
    awvalid <= writing && !aw_done;
    awaddr <= writing ? address[ADDR_WIDTH-1:0] : {ADDR_WIDTH{1'b0}};
    wvalid <= writing && !w_done;
    wdata <= writing ? data[31:0] : 32'd0;
    wstrb <= writing ? data[35:32] : 4'd0;
    bready <= writing && aw_done && w_done;
    arvalid <= reading && !ar_done;
    araddr <= reading ? address[ADDR_WIDTH-1:0] : {ADDR_WIDTH{1'b0}};
    rready <= reading && ar_done;
  end
endmodule
`default_nettype wire
