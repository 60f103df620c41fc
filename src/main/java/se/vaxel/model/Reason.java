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

  public static Reason fromKey(String key) {
    for (Reason r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason: " + key);
  }
}
