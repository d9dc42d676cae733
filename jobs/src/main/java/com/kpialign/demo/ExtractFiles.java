package com.kpialign.demo;

import com.kpialign.errors.IoFailure;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the demo extract files byte-for-byte reproducibly: CSV through a plain writer, Parquet
 * through parquet-mr straight to a local file (no Hadoop checksum files, no timestamps).
 */
final class ExtractFiles {
  private ExtractFiles() {}

  /** A CSV extract; values are written as given, so callers format numbers themselves. */
  static final class Csv implements AutoCloseable {
    private final Writer out;

    Csv(Path file, List<String> header) {
      try {
        Files.createDirectories(file.getParent());
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
            StandardCharsets.UTF_8), 1 << 16);
        out.write(String.join(",", header));
        out.write('\n');
      } catch (IOException e) {
        throw new IoFailure("cannot write " + file, e);
      }
    }

    void row(CharSequence line) {
      try {
        out.append(line).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static ParquetWriter<Group> parquet(Path file, MessageType schema) {
    try {
      Files.createDirectories(file.getParent());
      return ExampleParquetWriter.builder(new LocalOutputFile(file))
          .withType(schema)
          .withConf(new Configuration(false))
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withDictionaryEncoding(true)
          .build();
    } catch (IOException e) {
      throw new IoFailure("cannot write " + file, e);
    }
  }

  /** parquet-mr's OutputFile over a plain local file. */
  private record LocalOutputFile(Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          stream.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          stream.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          stream.flush();
        }

        @Override
        public void close() throws IOException {
          stream.close();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }
  }
}
