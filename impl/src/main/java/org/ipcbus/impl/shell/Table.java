package org.ipcbus.impl.shell;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with a header line, its columns as wide as their widest cell. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... headers) {
    this.columns = headers.length;
    rows.add(headers);
  }

  /** Adds a row; each value is shown by {@link String#valueOf(Object)}. */
  Table row(Object... values) {
    if (values.length != columns) {
      throw new IllegalArgumentException("a row needs " + columns + " values, got " + values.length);
    }
    String[] cells = new String[columns];
    for (int i = 0; i < columns; i++) {
      cells[i] = String.valueOf(values[i]);
    }
    rows.add(cells);
    return this;
  }

  /** @return the number of rows, not counting the header */
  int size() {
    return rows.size() - 1;
  }

  @Override
  public String toString() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
