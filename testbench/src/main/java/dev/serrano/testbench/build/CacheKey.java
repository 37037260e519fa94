package dev.serrano.testbench.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over named, length-prefixed fields, so that no two different field lists hash alike.
 * Also keeps a readable list of the fields (file contents by their own hash) for {@code key.txt}.
 */
public final class CacheKey {

  private final MessageDigest digest = sha256();
  private final StringBuilder description = new StringBuilder();

  public CacheKey add(String name, String value) {
    return addBytes(name, value.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Adds file content; the description shows the content's own hash, not the text. */
  public CacheKey addContent(String name, byte[] content) {
    return addBytes(name, content, "sha256:" + hex(content));
  }

  public String hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  String description() {
    return description.toString();
  }

  static String hex(byte[] content) {
    return HexFormat.of().formatHex(sha256().digest(content));
  }

  private CacheKey addBytes(String name, byte[] content, String shown) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    digest.update(lengthPrefix(nameBytes.length));
    digest.update(nameBytes);
    digest.update(lengthPrefix(content.length));
    digest.update(content);
    description.append(name).append(" = ").append(shown.replace("\n", " | ")).append('\n');
    return this;
  }

  private static byte[] lengthPrefix(int length) {
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
