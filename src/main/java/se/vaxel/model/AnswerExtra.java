package se.vaxel.model;

/** What a person may add to the answering phrase after their name (T1). */
public enum AnswerExtra {
  WORKPLACE("workplace"),
  TITLE("title");

  private final String key;

  AnswerExtra(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static AnswerExtra fromKey(String key) {
    for (AnswerExtra a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown answer-with: " + key);
  }
}
