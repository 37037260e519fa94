// Test design: a small AXI4 master (128-bit data, 32-bit address, 4-bit ID) that runs desc_count
// INCR bursts of desc_len + 1 beats of 2^desc_size bytes by itself, at desc_addr, desc_addr +
// desc_stride, ... so long runs exercise the AXI model without Java per beat. Hand-written;
// lint: verilator --lint-only -Wall axi_burst.v
//
// A descriptor is taken when start is high and busy is low. Address requests (AR or AW) are issued
// back to back, independently of the data; RREADY and BREADY are always high. Writes: beat t
// (counted over the whole descriptor) carries the 32-bit words pattern + 4t + j in lanes 4j..4j+3,
// with WSTRB set on exactly the active byte lanes of the beat (narrow and unaligned as AXI4
// defines them). Reads: read_sum = rotate-left-1(read_sum) ^ the four 32-bit words of RDATA, per
// beat. done_count counts answered bursts (RLAST beats or B responses); error_seen is set by any
// RRESP or BRESP other than OKAY. busy falls one cycle after the last answer.
`default_nettype none
module axi_burst (
  input  wire         clk,
  input  wire         rst,
  // descriptor
  input  wire         start,
  input  wire         desc_write,
  input  wire [31:0]  desc_addr,
  input  wire [7:0]   desc_len,
  input  wire [2:0]   desc_size,
  input  wire [15:0]  desc_count,
  input  wire [31:0]  desc_stride,
  input  wire [31:0]  desc_pattern,
  // status
  output wire         busy,
  output reg  [15:0]  done_count,
  output reg          error_seen,
  output reg  [31:0]  read_sum,
  // AXI4 master: write address
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
  // write data
  output wire [127:0] m_axi_wdata,
  output wire [15:0]  m_axi_wstrb,
  output wire         m_axi_wlast,
  output wire         m_axi_wvalid,
  input  wire         m_axi_wready,
  // write response
  input  wire [3:0]   m_axi_bid,
  input  wire [1:0]   m_axi_bresp,
  input  wire         m_axi_bvalid,
  output wire         m_axi_bready,
  // read address
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
  // read data
  input  wire [3:0]   m_axi_rid,
  input  wire [127:0] m_axi_rdata,
  input  wire [1:0]   m_axi_rresp,
  input  wire         m_axi_rlast,
  input  wire         m_axi_rvalid,
  output wire         m_axi_rready
);
  reg         busy_q;
  reg         write_q;
  reg [7:0]   len_q;
  reg [2:0]   size_q;
  reg [15:0]  count_q;
  reg [31:0]  stride_q;
  reg [31:0]  pattern_q;
  // address channel (AR or AW)
  reg [31:0]  a_addr_q;
  reg [15:0]  a_issued_q;
  // write data channel
  reg [31:0]  w_addr_q;        // address of the current beat
  reg [31:0]  w_burst_addr_q;  // start address of the current burst
  reg [7:0]   w_beat_q;
  reg [15:0]  w_bursts_q;
  reg [31:0]  w_total_q;       // beats sent since start

  wire        a_valid = busy_q && (a_issued_q != count_q);
  wire        a_fire = write_q ? (m_axi_awvalid && m_axi_awready) : (m_axi_arvalid && m_axi_arready);
  wire        w_fire = m_axi_wvalid && m_axi_wready;
  wire        r_fire = m_axi_rvalid && m_axi_rready;
  wire        b_fire = m_axi_bvalid && m_axi_bready;

  // active byte lanes of the current W beat
  wire [4:0]  w_bytes = 5'd1 << size_q;
  wire [3:0]  w_lower = w_addr_q[3:0];
  wire [3:0]  w_aligned = w_lower & ~(w_bytes[3:0] - 4'd1);
  wire [4:0]  w_upper = {1'b0, w_aligned} + w_bytes - 5'd1;
  wire [16:0] w_below_upper = (17'd2 << w_upper) - 17'd1;
  wire [16:0] w_below_lower = (17'd1 << w_lower) - 17'd1;
  wire [16:0] w_lanes = w_below_upper & ~w_below_lower;
  wire [31:0] w_word0 = pattern_q + {w_total_q[29:0], 2'b00};
  wire [31:0] w_next_addr = (w_addr_q & ~({27'd0, w_bytes} - 32'd1)) + {27'd0, w_bytes};

  assign busy = busy_q;

  assign m_axi_awid = 4'd0;
  assign m_axi_awaddr = a_addr_q;
  assign m_axi_awlen = len_q;
  assign m_axi_awsize = size_q;
  assign m_axi_awburst = 2'b01;
  assign m_axi_awlock = 1'b0;
  assign m_axi_awcache = 4'b0011;
  assign m_axi_awprot = 3'b000;
  assign m_axi_awqos = 4'd0;
  assign m_axi_awvalid = a_valid && write_q;

  assign m_axi_wdata = {w_word0 + 32'd3, w_word0 + 32'd2, w_word0 + 32'd1, w_word0};
  assign m_axi_wstrb = w_lanes[15:0];
  assign m_axi_wlast = (w_beat_q == len_q);
  assign m_axi_wvalid = busy_q && write_q && (w_bursts_q != count_q);
  assign m_axi_bready = 1'b1;

  assign m_axi_arid = 4'd1;
  assign m_axi_araddr = a_addr_q;
  assign m_axi_arlen = len_q;
  assign m_axi_arsize = size_q;
  assign m_axi_arburst = 2'b01;
  assign m_axi_arlock = 1'b0;
  assign m_axi_arcache = 4'b0011;
  assign m_axi_arprot = 3'b000;
  assign m_axi_arqos = 4'd0;
  assign m_axi_arvalid = a_valid && !write_q;
  assign m_axi_rready = 1'b1;

  always @(posedge clk) begin
    if (rst) begin
      busy_q <= 1'b0;
      done_count <= 16'd0;
      error_seen <= 1'b0;
      read_sum <= 32'd0;
      a_issued_q <= 16'd0;
      w_bursts_q <= 16'd0;
    end else if (!busy_q) begin
      if (start) begin
        busy_q <= 1'b1;
        write_q <= desc_write;
        len_q <= desc_len;
        size_q <= desc_size;
        count_q <= desc_count;
        stride_q <= desc_stride;
        pattern_q <= desc_pattern;
        a_addr_q <= desc_addr;
        a_issued_q <= 16'd0;
        w_addr_q <= desc_addr;
        w_burst_addr_q <= desc_addr;
        w_beat_q <= 8'd0;
        w_bursts_q <= 16'd0;
        w_total_q <= 32'd0;
        done_count <= 16'd0;
        error_seen <= 1'b0;
        read_sum <= 32'd0;
      end
    end else begin
      if (a_fire) begin
        a_issued_q <= a_issued_q + 16'd1;
        a_addr_q <= a_addr_q + stride_q;
      end
      if (w_fire) begin
        w_total_q <= w_total_q + 32'd1;
        if (m_axi_wlast) begin
          w_beat_q <= 8'd0;
          w_bursts_q <= w_bursts_q + 16'd1;
          w_burst_addr_q <= w_burst_addr_q + stride_q;
          w_addr_q <= w_burst_addr_q + stride_q;
        end else begin
          w_beat_q <= w_beat_q + 8'd1;
          w_addr_q <= w_next_addr;
        end
      end
      if (r_fire) begin
        read_sum <= {read_sum[30:0], read_sum[31]} ^ m_axi_rdata[31:0] ^ m_axi_rdata[63:32]
                    ^ m_axi_rdata[95:64] ^ m_axi_rdata[127:96];
        if (m_axi_rresp != 2'b00) error_seen <= 1'b1;
      end
      if (b_fire && m_axi_bresp != 2'b00) error_seen <= 1'b1;
      if ((r_fire && m_axi_rlast) || b_fire) begin
        done_count <= done_count + 16'd1;
      end
      if (done_count == count_q) busy_q <= 1'b0;
    end
  end

  // The IDs are fixed (0 for writes, 1 for reads): answers need no matching.
  wire unused = &{1'b0, m_axi_bid, m_axi_rid, w_lanes[16], 1'b0};
endmodule
`default_nettype wire
