// Smallest design whose generated Makefile builds the design-independent Verilator runtime.
module serrano_runtime_stub (
  input wire clk
);
endmodule
