// Test design with a combinational loop that never settles once enabled: Verilator's runtime
// gives up ("did not converge") through vl_fatal, which must reach Java as an exception.
`default_nettype none
module oscillator (
  input  wire enable,
  output wire y
);
  wire toggle;
  assign toggle = enable ? ~toggle : 1'b0;
  assign y = toggle;
endmodule
`default_nettype wire
