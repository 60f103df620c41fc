package se.vaxel.pbx;

import java.util.List;
import se.vaxel.live.DialplanComparison;

/**
 * What {@code vaxel apply} would change for one organisation, and what {@code vaxel plan}
 * prints for it.
 *
 * @param organisation the organisation's id
 * @param files its files, and (in the first organisation's plan) the files all share
 * @param fingerprint the fingerprint of the configuration staff.yaml generates
 * @param dialplan how the dialplan Asterisk has loaded differs from the generated one
 * @param liveFingerprint the fingerprint of the dialplan Asterisk has loaded, "" if none
 * @param expiredOverrides live overrides whose time is over, to be removed
 * @param warnings things apply does not change but the administrator should know
 */
public record Plan(
    String organisation,
    List<FileChange> files,
    List<MailboxChange> mailboxes,
    DialplanComparison.Result dialplan,
    List<PresenceChange> presence,
    List<String> expiredOverrides,
    String fingerprint,
    String liveFingerprint,
    List<String> warnings) {

  /** MOVE: a fragment an earlier vaxel wrote into vaxel/ goes into the organisation's directory. */
  public enum Change { CREATE, UPDATE, INCLUDE, MOVE }

  /**
   * @param path relative to the configuration directory; for MOVE "FROM -> TO"
   * @param added lines only in the new file, @param removed lines only in the old one, both
   *     counted by {@link se.vaxel.diff.UnifiedDiff}
   * @param diff the unified diff of the file, secrets masked ({@link Secrets}); empty for MOVE
   */
  public record FileChange(String path, Change change, int added, int removed,
      List<String> diff) {
    public FileChange {
      diff = List.copyOf(diff);
    }

    public FileChange(String path, Change change, int added, int removed) {
      this(path, change, added, removed, List.of());
    }
  }

  public enum MailboxDiff { ADD, REMOVE, CHANGE }

  /** @param detail what differs, for CHANGE: e.g. {@code full name 'A' -> 'B'} */
  public record MailboxChange(String mailbox, MailboxDiff diff, String detail) {}

  /** @param from the live value as Asterisk shows it, @param to what will be written */
  public record PresenceChange(String extension, String personId, String from, PresenceValue to) {}

  /** The loaded dialplan is not the generated one, so apply reloads it. */
  public boolean dialplanReload() {
    return !dialplan.same();
  }

  public boolean configChanges() {
    return !files.isEmpty() || !mailboxes.isEmpty() || dialplanReload();
  }

  public boolean isEmpty() {
    return !configChanges() && presence.isEmpty() && expiredOverrides.isEmpty();
  }
}
