package dev.serrano.hdl.emit;

import dev.serrano.hdl.ir.Attachment;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.passes.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything emitted for one top, as file name to content in a fixed order: one {@code .v} per
 * module bottom-up, then {@code <top>.f} (the same files, one per line), {@code <top>.json}, and the
 * top's file attachments ({@code <top>_regs.h}, {@code <top>_regs.md} of a register map) in the
 * order attached, and last {@code <top>.core}, the FuseSoC core file listing all of them.
 */
public record EmittedDesign(String top, Map<String, String> files) {
  public EmittedDesign {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Checks the design (failing with every finding), runs the passes, and emits it. */
  public static EmittedDesign of(Design design) {
    Design prepared = Pipeline.prepare(design);
    Map<String, String> files = new LinkedHashMap<>();
    List<String> verilogFiles = new ArrayList<>();
    for (Module module : prepared.modules()) {
      String fileName = module.name() + ".v";
      verilogFiles.add(fileName);
      files.put(fileName, VerilogEmitter.emit(module));
    }
    String top = prepared.top().name();
    files.put(top + ".f", String.join("\n", verilogFiles) + "\n");
    files.put(top + ".json", InterfaceJson.emit(prepared, verilogFiles));
    for (Attachment attachment : prepared.top().attachments()) {
      if (attachment instanceof Attachment.File file) {
        files.put(top + file.suffix(), file.content());
      }
    }
    files.put(top + ".core", FuseSocCore.emit(prepared.top(), List.copyOf(files.keySet())));
    return new EmittedDesign(top, files);
  }

  public List<String> verilogFiles() {
    return files.keySet().stream().filter(f -> f.endsWith(".v")).toList();
  }
}
