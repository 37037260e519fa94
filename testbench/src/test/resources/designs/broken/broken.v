// Test design with a syntax error: the build must fail with Verilator's message.
module broken (
  input  wire a,
  output wire y
);
  assign y = a +;
endmodule
