package org.steward;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Two people clicking at the same moment: runs two actions at once, released together. */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * Two people who both read a record before either saves it: the record's row is locked while both run, so each
     * reads it as it was and then waits to write; the lock is let go once both wait. What each returned, or the
     * exception it threw, in the order given. A free race on a busy machine may run one after the other instead.
     */
    public static List<Object> overlapping(javax.sql.DataSource data, String table, long id, Callable<Object> first,
                                           Callable<Object> second) throws Exception {
        try (java.sql.Connection holder = data.getConnection();
             java.sql.Connection watcher = data.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from " + table + " where id = ? for update")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            return run(first, second, () -> {
            }, () -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (waitingOnALock(watcher) < 2) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("The two never both waited to write " + table + " " + id);
                    }
                    Thread.sleep(20);
                }
                holder.rollback();
            });
        }
    }

    private static int waitingOnALock(java.sql.Connection watcher) throws java.sql.SQLException {
        try (var count = watcher.prepareStatement("select count(*) from pg_stat_activity where wait_event_type = "
                + "'Lock' and datname = current_database()"); var rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** What each returned, or the exception it threw, in the order given. */
    public static List<Object> both(Callable<Object> first, Callable<Object> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        return run(first, second, start::await, () -> {
        });
    }

    /** Something to do: in each task's thread before it starts, or in the caller's while both run. */
    private interface Step {
        void run() throws Exception;
    }

    private static List<Object> run(Callable<Object> first, Callable<Object> second, Step beforeEach,
                                    Step meanwhile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    beforeEach.run();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            meanwhile.run();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
