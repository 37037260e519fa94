/**
 * The intermediate representation: a small, immutable description of a design, printable as stable
 * text ({@link dev.serrano.hdl.ir.IrPrinter}). This package depends on nothing else in Serrano.
 *
 * <p>Grammar (records and sealed interfaces; lists keep creation order):
 * <pre>
 * Design     = top: Module, modules: Module*            -- bottom-up, each name once
 * Module     = name, sourceClass, description, Parameter*, clockDomain?, Port*, Wire*, Register*,
 *              Memory*, Assign*, Instance*, source, Attachment*
 * Attachment = File(suffix, content) | InterfaceSection(key, json)  -- emitted beside the top's Verilog
 * Parameter  = name, value
 * ClockDomain= clock, reset?, ResetStyle                -- one clock per module
 * Port       = name, Direction, Type, group, source
 * Wire       = name, Type, source                        -- driven by one Assign or one instance output
 * Register   = name, Type, resetValue: Expr?, enable: Expr?, next: Expr?, source
 * Memory     = name, word: Type, depth, MemoryWrite*, MemoryRead*, source
 * MemoryWrite= enable, address, data, source
 * MemoryRead = data (a register name), enable, address, source   -- synchronous read
 * Assign     = target (wire or output port), value: Expr, source
 * Instance   = name, module: Module, Connection*, source
 * Connection = port, value: Expr                         -- inputs: any Expr; outputs: a Ref to a wire or output port
 * Type       = width >= 1, signed
 * Expr       = Ref(name) | Const(bits) | Unary(op, Expr) | Binary(op, Expr, Expr)
 *            | Mux(select, whenTrue, whenFalse) | Concat(Expr+) | Slice(Expr, msb, lsb)
 *            | Resize(Expr)                              -- extend by the operand's signedness, or reinterpret
 * </pre>
 * Every Expr carries its result {@link dev.serrano.hdl.ir.Type}. The IR may hold mistakes (a width
 * mismatch, an undriven wire): the checks find them, so that every finding is reported at once.
 */
package dev.serrano.hdl.ir;
