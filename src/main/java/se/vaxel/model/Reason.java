package se.vaxel.model;

/** Why someone is away; the value is the staff.yaml spelling (Swedish, ASCII). */
public enum Reason {
  SEMESTER("semester"),
  TJANSTERESA("tjansteresa"),
  UTBILDNING("utbildning"),
  SJUK("sjuk"),
  FORALDRALEDIG("foraldraledig"),
  MOTE("mote"),
  ANNAT("annat");

  private final String key;

  Reason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /**
   * The reason anyone but the person may see: the same, except that sickness is "annat".
   * Health is sensitive personal data (GDPR article 9, and confidential under the Swedish
   * Public Access to Information and Secrecy Act), so no text, sheet, console, presence or
   * AstDB value carries it; mapping it here, once, means no template or output can.
   */
  public Reason disclosed() {
    return this == SJUK ? ANNAT : this;
  }

  public static Reason fromKey(String key) {
    for (Reason r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason: " + key);
  }
}
