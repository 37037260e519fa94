// Test design: counts cycles; executes $finish or $fatal at a rising edge when asked to.
`default_nettype none
module terminator (
  input  wire        clk,
  input  wire        rst_n,
  input  wire        finish_now,
  input  wire        fatal_now,
  output reg  [15:0] ticks
);
  always @(posedge clk) begin
    if (!rst_n) ticks <= 16'd0;
    else ticks <= ticks + 16'd1;
    if (finish_now) begin
      $display("terminator: finishing after %0d ticks", ticks);
      $finish;
    end
    if (fatal_now) $fatal(1, "terminator: fatal requested after %0d ticks", ticks);
  end
endmodule
`default_nettype wire
