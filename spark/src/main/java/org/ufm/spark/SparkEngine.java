package org.ufm.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ufm.cli.SolveJson;
import org.ufm.sweep.Cell;
import org.ufm.sweep.CellLine;
import org.ufm.sweep.CellRunner;
import org.ufm.sweep.CellSolver;
import org.ufm.sweep.ResultsFile;

/**
 * The Spark engine: the cells not yet in the results file become a Dataset of cell JSON partitioned over the
 * executors; each task runs its cells through {@link CellRunner} (the library's solve, one thread per cell, as
 * the local engine does) and the driver appends the lines to results.jsonl. Cells go in waves, so a stopped
 * run keeps every wave that finished; at the end the whole results file becomes {@code results.parquet}.
 */
public final class SparkEngine {

    /** Directory name of the Parquet copy of the results. */
    public static final String PARQUET = "results.parquet";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final SparkSession spark;
    private final int partitions;
    private final int wave;
    private volatile boolean stopping;

    /** An engine on {@code spark} with {@code partitions} tasks per wave of {@code wave} cells. */
    public SparkEngine(SparkSession spark, int partitions, int wave) {
        this.spark = spark;
        this.partitions = partitions;
        this.wave = wave;
    }

    /** Solves the cells without a line, wave by wave; returns the number of lines written. */
    public int run(List<Cell> cells, ResultsFile results) {
        List<String> todo = new ArrayList<>();
        for (Cell c : cells) {
            if (!results.has(c.id())) {
                todo.add(c.toJson().toString());
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int written = 0;
        for (int from = 0; from < todo.size() && !stopping; from += wave) {
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + wave));
            JavaRDD<String> rdd = jsc.parallelize(batch, Math.min(partitions, batch.size()));
            Dataset<String> lines = spark.createDataset(rdd.rdd(), Encoders.STRING())
                    .mapPartitions(solveCells(SolveJson.cellSolver()), Encoders.STRING());
            List<String> got;
            try {
                got = lines.collectAsList();
            } catch (RuntimeException e) {
                if (stopping) {
                    break;
                }
                throw e;
            }
            for (String line : got) {
                String id;
                try {
                    id = JSON.readTree(line).get("cell").asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("an executor returned a line that is not JSON: " + line, e);
                }
                if (!results.has(id)) {
                    results.append(line);
                    written++;
                }
            }
        }
        return written;
    }

    /** The executors' side: each cell JSON of a partition to its results line (an interrupted cell to none). */
    static MapPartitionsFunction<String, String> solveCells(CellSolver solver) {
        return (Iterator<String> it) -> {
            List<String> out = new ArrayList<>();
            while (it.hasNext()) {
                Cell cell = Cell.fromJson(JSON.readTree(it.next()));
                CellLine line = CellRunner.run(cell, solver);
                if (line != null) {
                    out.add(line.text());
                }
            }
            return out.iterator();
        };
    }

    /** Writes the whole results file as {@code DIR/results.parquet} (replacing an older copy). */
    public void writeParquet(ResultsFile results, java.nio.file.Path dir) {
        List<String> all = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : results.lines().values()) {
            all.add(n.toString());
        }
        spark.read().json(spark.createDataset(all, Encoders.STRING()))
                .coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.resolve(PARQUET).toString());
    }

    /** Stops after the wave in progress, whose jobs are cancelled (their cells run again next time). */
    public void stop() {
        stopping = true;
        spark.sparkContext().cancelAllJobs();
    }
}
