package se.vaxel.model;

import java.util.Locale;

/** The languages the shipped templates are written in; the value is the templates/ folder. */
public enum Language {
  SV("sv", Locale.forLanguageTag("sv-SE")),
  EN("en", Locale.forLanguageTag("en-GB"));

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  public String code() {
    return code;
  }

  public Locale locale() {
    return locale;
  }

  public static Language fromCode(String code) {
    for (Language l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown language: " + code);
  }
}
