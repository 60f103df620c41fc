package se.vaxel.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import se.vaxel.serve.PasswordHasher;

/**
 * Argon2id through password4j, the only class that imports it. Parameters: 19 MiB, 2 passes,
 * one lane, the minimum OWASP's password storage cheat sheet gives for Argon2id; a login costs
 * some 30 ms on one core, which is what the login rate limit assumes.
 */
public final class Argon2Hasher implements PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;

  private final Argon2Function function =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  @Override
  public String hash(char[] password) {
    return Password.hash(new String(password)).addRandomSalt(16).with(function).getResult();
  }

  @Override
  public boolean verify(char[] password, String hash) {
    if (hash == null || !hash.startsWith("$argon2id$")) {
      return false;
    }
    try {
      // The parameters come from the stored string, so older hashes keep verifying.
      return Password.check(new String(password), hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
