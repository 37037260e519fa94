package dev.serrano.testbench.fuzz;

import java.util.List;
import java.util.Random;

/**
 * An output folder every command must refuse the same way, with the message they share.
 *
 * @param kind the mutation, for the summary
 * @param out the {@code --out} argument
 * @param expected what the message must hold
 */
record OutputHazard(String kind, String out, List<String> expected) {
  /** One of the three hazards every writing command shares, drawn at random; {@code name} as in {@link #belowFile}. */
  static OutputHazard any(Random random, String name) {
    return List.of(belowFile(name), isFile(), emptyPath()).get(random.nextInt(3));
  }

  /** A folder below the fixture's regular file: it cannot be created, not even by root. */
  static OutputHazard belowFile(String name) {
    String out = BadInput.DIR + "/file/" + name;
    return new OutputHazard("output below a file", out, List.of("--out " + out + ": cannot be created: "
        + BadInput.DIR + "/file is a file, not a folder"));
  }

  /** The fixture's regular file itself. */
  static OutputHazard isFile() {
    String out = BadInput.DIR + "/file";
    return new OutputHazard("output is a file", out, List.of("--out " + out + ": is a file, not a folder"));
  }

  /** An empty path, which resolves to the working folder. */
  static OutputHazard emptyPath() {
    return new OutputHazard("empty output path", "", List.of("--out : the path is empty; name a folder"));
  }
}
