package se.vaxel.model;

/** Who looks after the e-mail during an absence: the policy's options A to D (E3). */
public enum MailOption {
  /** A: the mailbox is checked by the alternate. */
  CHECKED_BY("checked-by"),
  /** B: mail is forwarded to the organisation's functional mailbox (the default). */
  FUNCTIONAL_MAILBOX("functional-mailbox"),
  /** C: mail is forwarded to the alternate. */
  FORWARDED("forwarded"),
  /** D: the person reads their own mail while away. */
  READS_OWN("reads-own");

  private final String key;

  MailOption(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Whether the option names the alternate, so an alternate is required. */
  public boolean needsAlternate() {
    return this == CHECKED_BY || this == FORWARDED;
  }

  public static MailOption fromKey(String key) {
    for (MailOption m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mail option: " + key);
  }
}
