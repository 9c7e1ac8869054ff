package dev.paykit.adapter.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that records the transactions run through it, as the database sees them: a
 * statement run in autocommit is a transaction of its own; statements run with autocommit off make
 * one transaction, ended by a commit or a rollback (or by switching autocommit back on, which
 * commits). A commit or rollback with no statement before it reaches no database and is not
 * recorded.
 */
final class RecordingDataSource implements DataSource {
  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  /** One transaction: its statements in order, and how it ended. */
  record Transaction(List<String> statements, End end) {
    boolean wrote() {
      return statements.stream().anyMatch(sql -> !sql.startsWith("select"));
    }

    long reads() {
      return statements.stream().filter(sql -> sql.startsWith("select")).count();
    }
  }

  enum End {
    AUTOCOMMIT,
    COMMIT,
    ROLLBACK
  }

  private final DataSource delegate;
  private final List<Transaction> transactions = new ArrayList<>();

  RecordingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Forgets what was recorded so far. */
  synchronized void reset() {
    transactions.clear();
  }

  /** The transactions ended since the last {@link #reset}, in the order they ended. */
  synchronized List<Transaction> transactions() {
    return List.copyOf(transactions);
  }

  /** How many of {@link #transactions()} were committed, by a commit or in autocommit. */
  synchronized long committed() {
    return transactions.stream().filter(t -> t.end() != End.ROLLBACK).count();
  }

  private synchronized void ended(List<String> statements, End end) {
    transactions.add(new Transaction(List.copyOf(statements), end));
  }

  @Override
  public Connection getConnection() throws SQLException {
    return recorded(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return recorded(delegate.getConnection(username, password));
  }

  private Connection recorded(Connection connection) throws SQLException {
    return proxy(Connection.class, new OnConnection(connection));
  }

  /** The transaction state of one connection, and what it forwards to the real one. */
  private final class OnConnection implements InvocationHandler {
    private final Connection connection;
    private final List<String> pending = new ArrayList<>();
    private boolean autoCommit;

    OnConnection(Connection connection) throws SQLException {
      this.connection = connection;
      this.autoCommit = connection.getAutoCommit();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      Object result = forward(connection, method, args);
      switch (name) {
        case "setAutoCommit" -> {
          boolean on = (Boolean) args[0];
          if (on && !autoCommit) {
            end(End.COMMIT);
          }
          autoCommit = on;
        }
        case "commit" -> end(End.COMMIT);
        case "rollback" -> {
          // A rollback to a savepoint leaves the transaction open.
          if (args == null || args.length == 0) {
            end(End.ROLLBACK);
          }
        }
        case "prepareStatement" -> {
          return proxy(
              PreparedStatement.class, new OnStatement((Statement) result, (String) args[0]));
        }
        case "createStatement" -> {
          return proxy(Statement.class, new OnStatement((Statement) result, null));
        }
        default -> {}
      }
      return result;
    }

    void executed(String sql) {
      if (autoCommit) {
        ended(List.of(sql), End.AUTOCOMMIT);
      } else {
        pending.add(sql);
      }
    }

    private void end(End end) {
      if (!pending.isEmpty()) {
        ended(pending, end);
        pending.clear();
      }
    }

    /** Records each execution of one statement on this connection. */
    private final class OnStatement implements InvocationHandler {
      private final Statement statement;
      private final String sql;

      OnStatement(Statement statement, String sql) {
        this.statement = statement;
        this.sql = sql;
      }

      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result = forward(statement, method, args);
        if (EXECUTIONS.contains(method.getName())) {
          String run = sql != null ? sql : (String) args[0];
          executed(run.strip().toLowerCase(Locale.ROOT));
        }
        return result;
      }
    }
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
