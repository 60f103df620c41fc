package se.vaxel.calendar.source;

/**
 * Why one person's calendar could not be read, in words for the operator (without the person
 * and the address, which {@link Reader} puts in front). Never holds a password or an event's
 * text.
 */
final class SourceProblem extends Exception {
  SourceProblem(String message) {
    super(message, null, false, false);
  }
}
