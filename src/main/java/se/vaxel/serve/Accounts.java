package se.vaxel.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import se.vaxel.output.AtomicFiles;

/**
 * The built-in accounts of {@code vaxel serve}: one file, one account a line,
 * {@code NAME:ROLE:STAFF-ID:HASH} (docs/serve.md). Like /etc/shadow, the file is the one place
 * the hashes are; it is written atomically with mode 0600 and never shown.
 *
 * @param accounts by name, in file order
 */
public record Accounts(Map<String, Account> accounts) {

  /** Account names: what people type at the login, and what the audit log says. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
  /** Staff ids as staff.yaml spells them, optionally with the organisation: org/id. */
  public static final Pattern STAFF_ID = Pattern.compile("([a-z0-9-]{1,32}/)?[A-Za-z0-9._-]{1,64}");

  /**
   * The hash of an account that cannot log in with a password (single sign-on only), as "!"
   * locks an account in /etc/shadow: no password hashes to it.
   */
  public static final String NO_PASSWORD = "!";

  /**
   * One account.
   *
   * @param staffId the person this account is (staff), or empty (a switchboard account may
   *     have none)
   */
  public record Account(String name, Role role, String staffId, String hash) {
    @Override
    public String toString() {
      // Never the hash, wherever an account ends up printed.
      return "Account[" + name + ", " + role.key() + ", " + staffId + "]";
    }
  }

  /** A line of the file that is wrong: FILE:LINE: what. */
  public static final class BadFileException extends Exception {
    public BadFileException(String message) {
      super(message);
    }
  }

  public Accounts {
    accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }

  public static Accounts empty() {
    return new Accounts(Map.of());
  }

  public Optional<Account> get(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  /** Reads the file; a missing file is no accounts. Every bad line is reported at once. */
  public static Accounts read(Path file) throws IOException, BadFileException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return empty();
    }
    Map<String, Account> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] f = line.split(":", -1);
      if (f.length != 4) {
        problems.add(where + "expected NAME:ROLE:STAFF-ID:HASH (4 fields), found " + f.length
            + "; fix the line or remove it with 'vaxel user remove'");
        continue;
      }
      if (!NAME.matcher(f[0]).matches()) {
        problems.add(where + "account name '" + f[0] + "' is not lower-case letters, digits, "
            + "'.', '_', '@' or '-' (at most 64)");
      }
      Role role = null;
      try {
        role = Role.fromKey(f[1]);
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
      }
      if (!f[2].isEmpty() && !STAFF_ID.matcher(f[2]).matches()) {
        problems.add(where + "staff id '" + f[2] + "' is not a staff.yaml id");
      }
      if (role == Role.STAFF && f[2].isEmpty()) {
        problems.add(where + "a staff account needs the staff id of its person");
      }
      if (!f[3].startsWith("$argon2id$") && !f[3].equals(NO_PASSWORD)) {
        problems.add(where + "the hash is not an Argon2id hash; set the password again with "
            + "'vaxel user add " + f[0] + "'");
      }
      if (out.containsKey(f[0])) {
        problems.add(where + "account '" + f[0] + "' is defined twice");
      }
      if (role != null) {
        out.putIfAbsent(f[0], new Account(f[0], role, f[2], f[3]));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadFileException(String.join("\n", problems));
    }
    return new Accounts(out);
  }

  /** With {@code account} added, or replacing the one of the same name. */
  public Accounts with(Account account) {
    Map<String, Account> copy = new LinkedHashMap<>(accounts);
    copy.put(account.name(), account);
    return new Accounts(copy);
  }

  public Accounts without(String name) {
    Map<String, Account> copy = new LinkedHashMap<>(accounts);
    copy.remove(name);
    return new Accounts(copy);
  }

  /** Writes the file atomically: a new one readable and writable by its owner only. */
  public void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder(
        "# vaxel serve accounts: NAME:ROLE:STAFF-ID:ARGON2ID-HASH. Edit with 'vaxel user'.\n");
    for (Account a : accounts.values()) {
      text.append(a.name()).append(':').append(a.role().key()).append(':')
          .append(a.staffId()).append(':').append(a.hash()).append('\n');
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (!Files.exists(file)) {
      // Created private before the first hash goes in; the atomic write keeps the mode.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    }
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    // The replaced file keeps its owner, group and mode (AtomicFiles): the package makes it
    // root:vaxel 0640 so that vaxel serve, running as vaxel, can read what root's 'vaxel user'
    // wrote. Only what others may do is taken away, whatever the file was.
    java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
        Files.getPosixFilePermissions(file);
    if (mode.removeAll(java.util.EnumSet.of(
        java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
        java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
        java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE))) {
      Files.setPosixFilePermissions(file, mode);
    }
  }
}
