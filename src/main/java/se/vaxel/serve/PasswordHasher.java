package se.vaxel.serve;

/**
 * A memory-hard password hash in a self-describing string (PHC format, {@code $argon2id$...}),
 * so that parameters can be raised later without breaking stored hashes. The implementation
 * lives in the package of its library (se.vaxel.password).
 */
public interface PasswordHasher {
  /** A new hash of {@code password}, with a fresh salt. */
  String hash(char[] password);

  /** Whether {@code password} matches {@code hash}; false for a hash it cannot read. */
  boolean verify(char[] password, String hash);
}
