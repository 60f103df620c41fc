package se.vaxel.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import se.vaxel.progress.Progress;

/**
 * Progress on stderr with me.tongfei:progressbar, the one user of that library. Drawn through a
 * consumer of ours onto the command's stderr writer, with "\r" and an erase to the end of the
 * line, so that it stays on one line and the next message starts clean.
 */
final class ProgressBars implements Progress.Factory {
  private final PrintWriter err;
  private final int width;

  ProgressBars(PrintWriter err, int width) {
    this.err = err;
    this.width = width;
  }

  @Override
  public Progress start(String task, long total) {
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .clearDisplayOnFinish()
        .setConsumer(new DelegatingProgressBarConsumer(this::draw, width - 1))
        .build();
    return new Progress() {
      @Override
      public void step() {
        bar.step();
      }

      @Override
      public void close() {
        bar.close();
        err.print("\r\033[K");
        err.flush();
      }
    };
  }

  private void draw(String rendered) {
    synchronized (err) {
      err.print("\r" + rendered + "\033[K");
      err.flush();
    }
  }
}
