package se.vaxel.progress;

/**
 * How long work says how far it got, for a user who waits: generate at 10,000 people takes
 * tens of seconds. The core reports; the command line decides whether and how to show it.
 */
public interface Progress extends AutoCloseable {
  /** Shows nothing: for tests, scripts, and a stderr that is not a terminal. */
  Progress NONE = new Progress() {
    @Override
    public void step() {}

    @Override
    public void close() {}
  };

  /** One more unit of the work done. */
  void step();

  /** The work is over (done or abandoned); nothing more is shown. */
  @Override
  void close();

  /** Makes a {@link Progress} for a task of {@code total} units. */
  @FunctionalInterface
  interface Factory {
    Factory NONE = (task, total) -> Progress.NONE;

    /** Starts a task of {@code total} units; -1 when the total is unknown (time only). */
    Progress start(String task, long total);
  }
}
