package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The layout of a record packed into one FIFO word: named fields, the first at bit 0. */
public final class Fields {
  private final Map<String, int[]> fields = new LinkedHashMap<>();
  private int width;

  public Fields add(String name, int fieldWidth) {
    fields.put(name, new int[] {width, fieldWidth});
    width += fieldWidth;
    return this;
  }

  public int width() {
    return width;
  }

  /** Packs values given in the order the fields were added. */
  public Value pack(Value... values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException("expected " + fields.size() + " fields, got " + values.length);
    }
    List<Value> msbFirst = new ArrayList<>();
    int i = 0;
    for (int[] field : fields.values()) {
      Value value = values[i++].asUnsigned();
      if (value.width() > field[1]) {
        throw new IllegalArgumentException("a " + value.width() + "-bit value for a " + field[1] + "-bit field");
      }
      msbFirst.add(0, value.width() == field[1] ? value : value.zext(field[1]));
    }
    return Value.concat(msbFirst.toArray(Value[]::new));
  }

  public Value get(Value word, String name) {
    int[] field = fields.get(name);
    return word.slice(field[0] + field[1] - 1, field[0]);
  }
}
