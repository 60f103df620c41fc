package se.vaxel.model;

/** Why someone is away; the value is the staff.yaml spelling (Swedish, ASCII). */
public enum Reason {
  SEMESTER("semester", '1'),
  TJANSTERESA("tjansteresa", '2'),
  UTBILDNING("utbildning", '3'),
  SJUK("sjuk", '4'),
  FORALDRALEDIG("foraldraledig", '5'),
  MOTE("mote", '6'),
  ANNAT("annat", '9');

  private final String key;
  private final char phoneDigit;

  Reason(String key, char phoneDigit) {
    this.key = key;
    this.phoneDigit = phoneDigit;
  }

  /**
   * The digit R of the feature codes ({@code *23*R*YYMMDD#}, docs/phone-codes.md): MX-ONE's
   * numbering, which staff who had such a PBX already know.
   */
  public char phoneDigit() {
    return phoneDigit;
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
