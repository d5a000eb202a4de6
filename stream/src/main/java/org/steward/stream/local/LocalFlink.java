package org.steward.stream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.FileUtils;

/**
 * A Flink cluster in this JVM, for local runs and tests: a MiniCluster of one task manager with as many slots as
 * asked, which the jobs of its {@link #environment() environments} run on until {@link #close()}. Keyed state lives on
 * the heap and checkpoints, when asked for, in a temporary folder deleted on {@link #close()} (the job manager's memory
 * takes no more than 5 MiB of state a task).
 */
public final class LocalFlink implements AutoCloseable {

    /** The name the environments' executor goes by ({@code execution.target}). */
    private static final String TARGET = "steward-local";

    private final MiniCluster cluster;
    private final Configuration jobs;
    private final Path checkpoints;

    private LocalFlink(MiniCluster cluster, Configuration jobs, Path checkpoints) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.checkpoints = checkpoints;
    }

    /** A cluster of {@code slots} slots, whose jobs run on all of them and take no checkpoints. */
    public static LocalFlink start(int slots) {
        return start(slots, jobs(slots));
    }

    /** The same, with jobs that take a checkpoint every {@code checkpointEvery}. */
    public static LocalFlink start(int slots, Duration checkpointEvery) {
        Configuration jobs = jobs(slots);
        jobs.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointEvery);
        return start(slots, jobs);
    }

    private static LocalFlink start(int slots, Configuration jobs) {
        Path checkpoints;
        try {
            checkpoints = Files.createTempDirectory("steward-checkpoints");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for checkpoints", e);
        }
        jobs.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        jobs.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.BIND_PORT, "0");
        // A task manager reserves 64 MiB of direct memory for network buffers and 128 MiB of managed memory (which
        // only RocksDB and batch operators use) by default; jobs of a few slots in one JVM need a fraction of either.
        configuration.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(32));
        configuration.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(32));
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(16));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        try {
            cluster.start();
        } catch (Exception e) {
            cluster.closeAsync();
            delete(checkpoints);
            throw new IllegalStateException("Flink did not start", e);
        }
        return new LocalFlink(cluster, jobs, checkpoints);
    }

    private static Configuration jobs(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("Flink needs at least one task slot, not " + slots);
        }
        Configuration jobs = new Configuration();
        jobs.set(DeploymentOptions.TARGET, TARGET);
        jobs.set(DeploymentOptions.ATTACHED, true);
        jobs.set(CoreOptions.DEFAULT_PARALLELISM, slots);
        jobs.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        return jobs;
    }

    /** An environment whose jobs, once executed, run on this cluster. */
    public StreamExecutionEnvironment environment() {
        PipelineExecutor executor = this::submit;
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return TARGET;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return TARGET.equals(configuration.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
            }
        };
        PipelineExecutorServiceLoader executors = new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(TARGET);
            }
        };
        return new StreamExecutionEnvironment(executors, new Configuration(jobs), LocalFlink.class.getClassLoader());
    }

    /** What Flink's own local executor does, on this cluster rather than on one started for the job. */
    private CompletableFuture<JobClient> submit(Pipeline pipeline, Configuration configuration, ClassLoader classes)
            throws Exception {
        StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
        graph.serializeUserDefinedInstances();
        return cluster.submitJob(graph).thenApply(submitted -> new MiniClusterJobClient(submitted.getJobID(), cluster,
                classes, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }

    /**
     * Kills the cluster's task manager, and every task running on it, then starts a new one: the jobs fail, and
     * restart from their last checkpoint once the new one offers its slots. What a machine dying does to a job.
     */
    public void failTaskManager() {
        try {
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
        } catch (Exception e) {
            throw new IllegalStateException("the task manager could not be failed and replaced", e);
        }
    }

    /** How many times the job's tasks were started again after a failure (the most of any task). */
    public int restarts(JobID job) {
        try {
            int most = 0;
            for (AccessExecutionVertex task : cluster.getArchivedExecutionGraph(job).get().getAllExecutionVertices()) {
                most = Math.max(most, task.getCurrentExecutionAttempt().getAttemptNumber());
            }
            return most;
        } catch (Exception e) {
            throw new IllegalStateException("the job's tasks could not be read", e);
        }
    }

    /** Stops the cluster, cancelling the jobs still running on it. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Flink did not stop cleanly", e);
        } finally {
            delete(checkpoints);
        }
    }

    private static void delete(Path folder) {
        try {
            FileUtils.deleteDirectory(folder.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the checkpoints in " + folder, e);
        }
    }
}
