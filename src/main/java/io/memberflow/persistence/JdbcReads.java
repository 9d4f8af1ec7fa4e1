package io.memberflow.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * One read in plain SQL, for the classes that write their own queries (the admin console's, the inbox's): a
 * statement with positional parameters, its result handed to a {@link Reader}, a failure turned into an
 * {@link IllegalStateException} naming what could not be read. A {@link Collection} parameter is sent as a
 * {@code varchar[]} (for {@code = ANY (?)}).
 */
public final class JdbcReads {

    /** Reads a query's result; may throw what JDBC throws. */
    @FunctionalInterface
    public interface Reader {
        void read(ResultSet rs) throws SQLException;
    }

    private JdbcReads() {
    }

    /** @param what what is read, for the failure's message ("the inbox", "for the admin console") */
    public static void query(DataSource dataSource, String what, String sql, List<?> params, Reader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof Collection<?> values) {
                    st.setArray(i + 1, c.createArrayOf("varchar", values.toArray()));
                } else {
                    st.setObject(i + 1, params.get(i));
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + what + ": " + e.getMessage(), e);
        }
    }
}
