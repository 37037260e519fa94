package dev.serrano.testbench.design;

/** Direction of a top-level port, as seen from the design. */
public enum Direction {
  INPUT,
  OUTPUT;

  static Direction parse(String text, String portName) {
    return switch (text) {
      case "input" -> INPUT;
      case "output" -> OUTPUT;
      default -> throw new InterfaceFormatException(
          "port " + portName + ": direction must be \"input\" or \"output\", got \"" + text + "\"");
    };
  }
}
