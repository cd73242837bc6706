package org.newswire.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source everything is built on: the pool once the database is connected; before
 * that (and after close) every connection request fails at once with the reason.
 */
final class PoolGate implements DataSource {
  private volatile DataSource pool;
  private volatile String reason = "the database is not connected yet";

  void open(DataSource ready) {
    pool = ready;
  }

  void notReady(String why) {
    pool = null;
    reason = why;
  }

  Optional<String> reasonIfNotOpen() {
    return pool == null ? Optional.of(reason) : Optional.empty();
  }

  private DataSource ready() throws SQLException {
    DataSource p = pool;
    if (p == null) {
      throw new SQLTransientConnectionException(reason);
    }
    return p;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ready().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return ready().getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return ready().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || ready().isWrapperFor(iface);
  }
}
