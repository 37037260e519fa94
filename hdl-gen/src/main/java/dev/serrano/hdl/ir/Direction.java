package dev.serrano.hdl.ir;

public enum Direction {
  INPUT, OUTPUT;

  public String verilog() {
    return this == INPUT ? "input" : "output";
  }
}
