// serrano_tb_axi_memory: the AXI4 slave memory of Serrano's generated Icarus test benches, a
// behavioural copy of the native model (testbench/.../build/serrano_axi_slave.h) without stalls,
// so a trace replays with the same cycles under Icarus as on Verilator.
//
// Timing, as the native model: at each rising edge the model samples the handshakes of that edge
// (VALID && READY as they were before it), applies them in the native order (W beat, AR, AW, R
// beat, B) and then drives its outputs for the next edge with nonblocking assignments. ARREADY /
// AWREADY are high while fewer than the outstanding limit of bursts are open; WREADY while an
// accepted burst awaits data; the first R beat of a burst can be taken read_latency edges after its
// AR handshake, B write_latency edges after the last W beat; responses in AR (AW) order. INCR,
// FIXED and WRAP bursts, narrow and unaligned, with byte strobes; bytes outside the memory answer
// DECERR. Protocol checks stay with the native model (the recording ran them).
// The test bench's sequencer sets base, size, latencies and limits, and loads and dumps memory.
`default_nettype none
module serrano_tb_axi_memory #(
  parameter integer DATA_BYTES = 8,
  parameter integer ADDR_WIDTH = 32,
  parameter integer ID_WIDTH = 4,
  parameter integer MEM_BYTES = 4096
) (
  input  wire                    clk,
  input  wire [63:0]             cycles,
  input  wire [ID_WIDTH-1:0]     awid,
  input  wire [ADDR_WIDTH-1:0]   awaddr,
  input  wire [7:0]              awlen,
  input  wire [2:0]              awsize,
  input  wire [1:0]              awburst,
  input  wire                    awvalid,
  output reg                     awready,
  input  wire [8*DATA_BYTES-1:0] wdata,
  input  wire [DATA_BYTES-1:0]   wstrb,
  input  wire                    wlast,
  input  wire                    wvalid,
  output reg                     wready,
  output reg  [ID_WIDTH-1:0]     bid,
  output reg  [1:0]              bresp,
  output reg                     bvalid,
  input  wire                    bready,
  input  wire [ID_WIDTH-1:0]     arid,
  input  wire [ADDR_WIDTH-1:0]   araddr,
  input  wire [7:0]              arlen,
  input  wire [2:0]              arsize,
  input  wire [1:0]              arburst,
  input  wire                    arvalid,
  output reg                     arready,
  output reg  [ID_WIDTH-1:0]     rid,
  output reg  [8*DATA_BYTES-1:0] rdata,
  output reg  [1:0]              rresp,
  output reg                     rlast,
  output reg                     rvalid,
  input  wire                    rready
);
  localparam integer CAPACITY = 256;

  reg [7:0]  memory [0:MEM_BYTES-1];
  reg [63:0] base = 64'd0;
  reg [63:0] size = 64'd16777216;
  reg [63:0] read_latency = 64'd1;
  reg [63:0] write_latency = 64'd1;
  reg [31:0] read_limit = 32'd16;
  reg [31:0] write_limit = 32'd16;

  // Open bursts, one ring per direction: [head, tail) are live; writes take W beats at w_next.
  reg [ID_WIDTH-1:0] r_id [0:CAPACITY-1];
  reg [63:0] r_cur [0:CAPACITY-1];
  reg [7:0]  r_len [0:CAPACITY-1];
  reg [2:0]  r_size [0:CAPACITY-1];
  reg [1:0]  r_burst [0:CAPACITY-1];
  reg [8:0]  r_beat [0:CAPACITY-1];
  reg [1:0]  r_resp [0:CAPACITY-1];
  reg [63:0] r_wrap_low [0:CAPACITY-1];
  reg [63:0] r_wrap_size [0:CAPACITY-1];
  reg [63:0] r_ready_edge [0:CAPACITY-1];
  reg [ID_WIDTH-1:0] w_id [0:CAPACITY-1];
  reg [63:0] w_cur [0:CAPACITY-1];
  reg [7:0]  w_len [0:CAPACITY-1];
  reg [2:0]  w_size [0:CAPACITY-1];
  reg [1:0]  w_burst [0:CAPACITY-1];
  reg [8:0]  w_beat [0:CAPACITY-1];
  reg [1:0]  w_resp [0:CAPACITY-1];
  reg [63:0] w_wrap_low [0:CAPACITY-1];
  reg [63:0] w_wrap_size [0:CAPACITY-1];
  reg [63:0] w_ready_edge [0:CAPACITY-1];
  reg [31:0] r_head = 32'd0, r_tail = 32'd0, w_head = 32'd0, w_tail = 32'd0, w_next = 32'd0;

  reg        r_held = 1'b0, b_held = 1'b0;
  reg [63:0] edge_now, low, high, bytes, word, lane_low, lane_high;
  reg [31:0] slot;
  reg [1:0]  response;
  integer    lane;

  initial begin
    awready = 1'b1;
    arready = 1'b1;
    wready = 1'b0;
    bvalid = 1'b0;
    rvalid = 1'b0;
    bid = {ID_WIDTH{1'b0}};
    bresp = 2'd0;
    rid = {ID_WIDTH{1'b0}};
    rdata = {8 * DATA_BYTES{1'b0}};
    rresp = 2'd0;
    rlast = 1'b0;
    clear(0, MEM_BYTES);
  end

  // Zeroes bytes [from, from + count) of the memory (the native model's memory starts at zero).
  task clear(input [63:0] from, input [63:0] count);
    reg [63:0] i;
    begin
      for (i = 0; i < count && from + i < MEM_BYTES; i = i + 1) memory[from + i] = 8'd0;
    end
  endtask

  // The response of a burst: DECERR when its footprint leaves [base, base + size).
  task respond(input [63:0] address, input [7:0] len, input [2:0] log_size, input [1:0] burst);
    begin
      bytes = 64'd1 << log_size;
      low = address;
      if (burst == 2'd1) begin
        high = (address & ~(bytes - 1)) + (len + 1) * bytes;
      end else if (burst == 2'd2) begin
        low = address & ~((len + 1) * bytes - 1);
        high = low + (len + 1) * bytes;
      end else begin
        high = (address & ~(bytes - 1)) + bytes;
      end
      response = (low < base || high > base + size) ? 2'd3 : 2'd0;
    end
  endtask

  // Byte lanes [lane_low, lane_high] of a beat at address cur, and the memory index of its bus word.
  task beat_lanes(input [63:0] cur, input [2:0] log_size);
    begin
      bytes = 64'd1 << log_size;
      lane_low = cur % DATA_BYTES;
      lane_high = (cur & ~(bytes - 1)) % DATA_BYTES + bytes - 1;
      word = cur - cur % DATA_BYTES - base;
    end
  endtask

  always @(posedge clk) begin
    edge_now = cycles;
    // Handshakes of this edge, in the native model's order.
    if (wvalid && wready) begin
      slot = w_next % CAPACITY;
      beat_lanes(w_cur[slot], w_size[slot]);
      if (w_resp[slot] == 2'd0) begin
        for (lane = 0; lane < DATA_BYTES; lane = lane + 1) begin
          if (lane >= lane_low && lane <= lane_high && wstrb[lane]) memory[word + lane] = wdata[8 * lane +: 8];
        end
      end
      advance_write(slot);
      if (w_beat[slot] == w_len[slot] + 1) begin
        w_ready_edge[slot] = edge_now + write_latency;
        w_next = w_next + 1;
      end
    end
    if (arvalid && arready) begin
      slot = r_tail % CAPACITY;
      respond(araddr, arlen, arsize, arburst);
      r_id[slot] = arid;
      r_cur[slot] = araddr;
      r_len[slot] = arlen;
      r_size[slot] = arsize;
      r_burst[slot] = arburst;
      r_beat[slot] = 9'd0;
      r_resp[slot] = response;
      r_wrap_size[slot] = (arlen + 64'd1) << arsize;
      r_wrap_low[slot] = araddr & ~(((arlen + 64'd1) << arsize) - 1);
      r_ready_edge[slot] = edge_now + read_latency;
      r_tail = r_tail + 1;
    end
    if (awvalid && awready) begin
      slot = w_tail % CAPACITY;
      respond(awaddr, awlen, awsize, awburst);
      w_id[slot] = awid;
      w_cur[slot] = awaddr;
      w_len[slot] = awlen;
      w_size[slot] = awsize;
      w_burst[slot] = awburst;
      w_beat[slot] = 9'd0;
      w_resp[slot] = response;
      w_wrap_size[slot] = (awlen + 64'd1) << awsize;
      w_wrap_low[slot] = awaddr & ~(((awlen + 64'd1) << awsize) - 1);
      w_ready_edge[slot] = 64'hffff_ffff_ffff_ffff;
      w_tail = w_tail + 1;
    end
    if (rvalid && rready) begin
      slot = r_head % CAPACITY;
      advance_read(slot);
      if (r_beat[slot] == r_len[slot] + 1) r_head = r_head + 1;
    end
    if (bvalid && bready) w_head = w_head + 1;
    r_held = rvalid && !rready;
    b_held = bvalid && !bready;

    // Outputs for the next edge.
    arready <= r_tail - r_head < read_limit;
    awready <= w_tail - w_head < write_limit;
    wready <= w_next != w_tail;
    if (!r_held) begin
      slot = r_head % CAPACITY;
      if (r_tail != r_head && r_ready_edge[slot] <= edge_now + 1) begin
        beat_lanes(r_cur[slot], r_size[slot]);
        for (lane = 0; lane < DATA_BYTES; lane = lane + 1) begin
          rdata[8 * lane +: 8] <= r_resp[slot] == 2'd0 ? memory[word + lane] : 8'd0;
        end
        rid <= r_id[slot];
        rresp <= r_resp[slot];
        rlast <= r_beat[slot] == r_len[slot];
        rvalid <= 1'b1;
      end else begin
        rvalid <= 1'b0;
      end
    end
    if (!b_held) begin
      slot = w_head % CAPACITY;
      if (w_tail != w_head && w_head != w_next && w_ready_edge[slot] <= edge_now + 1) begin
        bid <= w_id[slot];
        bresp <= w_resp[slot];
        bvalid <= 1'b1;
      end else begin
        bvalid <= 1'b0;
      end
    end
  end

  task advance_read(input [31:0] s);
    begin
      r_beat[s] = r_beat[s] + 1;
      if (r_burst[s] != 2'd0) begin
        r_cur[s] = (r_cur[s] & ~((64'd1 << r_size[s]) - 1)) + (64'd1 << r_size[s]);
        if (r_burst[s] == 2'd2 && r_cur[s] == r_wrap_low[s] + r_wrap_size[s]) r_cur[s] = r_wrap_low[s];
      end
    end
  endtask

  task advance_write(input [31:0] s);
    begin
      w_beat[s] = w_beat[s] + 1;
      if (w_burst[s] != 2'd0) begin
        w_cur[s] = (w_cur[s] & ~((64'd1 << w_size[s]) - 1)) + (64'd1 << w_size[s]);
        if (w_burst[s] == 2'd2 && w_cur[s] == w_wrap_low[s] + w_wrap_size[s]) w_cur[s] = w_wrap_low[s];
      end
    end
  endtask
endmodule
`default_nettype wire
