package dev.dsgen.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafSimScorer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An in-memory Lucene BM25 index of every deal (name, sector, region, year, size, description,
 * sponsor, platform, events), for hard negatives and the difficulty metrics. Built single-threaded
 * in id order into one segment, so document numbers are deal positions and ties break by id:
 * results do not depend on threads. Searching is thread-safe.
 *
 * <p>{@link #search} does not walk Lucene's postings per query: the corpus is small and its
 * vocabulary shared, so nearly every query term has a long posting list and Lucene's MaxScore
 * pruning skips little (~200 us per query). Instead every term's postings are read once, each
 * posting already scored by Lucene's own BM25 scorer (the same statistics, norms and float
 * formula a {@code TermQuery} uses), and a query adds its terms' scores per document. Lucene sums
 * a {@code BooleanQuery}'s clause scores in a double and returns that as a float, ties going to
 * the lower document; so does this, which gives the top k Lucene's {@code IndexSearcher} gives (tested).
 */
final class Bm25Index implements AutoCloseable {
    /**
     * Lucene 9 logs a java.util.logging WARNING on stderr under Java 20+ about the Vector API; it
     * changes nothing here (short postings, no vectors) and stderr stays quiet in normal runs.
     * Set before any Lucene class initialises; held so the setting is not garbage-collected.
     */
    private static final Logger LUCENE_VECTOR_LOG = quiet("org.apache.lucene.internal.vectorization.VectorizationProvider");

    private static Logger quiet(String name) {
        Logger l = Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    private static final CharArraySet STOP = new CharArraySet(List.of("a", "an", "and", "are", "as", "at", "be", "but",
            "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their",
            "then", "there", "these", "they", "this", "to", "was", "will", "with", "me", "show", "find", "list", "any",
            "looking", "who", "what", "did", "like", "similar"), true);
    private final Analyzer analyzer = new StandardAnalyzer(STOP);
    /** A text field without positions: BM25 needs only term frequencies and norms, and indexing is cheaper. */
    private static final FieldType TEXT = text();

    private static FieldType text() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        t.freeze();
        return t;
    }
    private final DirectoryReader reader;
    private final List<Deal> deals;
    /** Each term's documents (ascending) and their BM25 term scores; read-only after the constructor. */
    private final Map<String, Postings> postings = new HashMap<>();
    /** Per-thread score accumulator by document, all 0 between searches. */
    private final ThreadLocal<double[]> scratch;

    private record Postings(int[] docs, float[] scores) {
    }

    Bm25Index(DealGraph graph) {
        this.deals = new ArrayList<>(graph.deals().values());
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig iwc = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                .setRAMBufferSizeMB(256).setCommitOnClose(false);
        try (IndexWriter w = new IndexWriter(dir, iwc)) {
            for (Deal d : deals) {
                Document doc = new Document();
                doc.add(new Field("text", text(graph, d), TEXT));
                w.addDocument(doc);
            }
            w.forceMerge(1);
            w.commit();
            reader = DirectoryReader.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (reader.maxDoc() != deals.size() || reader.leaves().size() != 1) {
            throw new IllegalStateException("BM25 index is not one segment of all deals");
        }
        try {
            readPostings();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int docs = deals.size();
        scratch = ThreadLocal.withInitial(() -> new double[docs]);
    }

    /** Scores every posting of the field as a {@code TermQuery} with boost 1 would. */
    private void readPostings() throws IOException {
        LeafReader leaf = reader.leaves().get(0).reader();
        Terms terms = leaf.terms("text");
        if (terms == null) {
            return;
        }
        BM25Similarity sim = new BM25Similarity();
        // Collection and term statistics as a searcher computes them for a TermQuery.
        IndexSearcher searcher = new IndexSearcher(reader);
        CollectionStatistics stats = searcher.collectionStatistics("text");
        TermsEnum te = terms.iterator();
        PostingsEnum pe = null;
        int[] docs = new int[deals.size()];
        float[] scores = new float[deals.size()];
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            Term term = new Term("text", BytesRef.deepCopyOf(t));
            LeafSimScorer scorer = new LeafSimScorer(sim.scorer(1f, stats,
                    searcher.termStatistics(term, te.docFreq(), te.totalTermFreq())), leaf, "text", true);
            pe = te.postings(pe, PostingsEnum.FREQS);
            int n = 0;
            for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
                docs[n] = d;
                scores[n++] = scorer.score(d, pe.freq());
            }
            postings.put(term.text(), new Postings(Arrays.copyOf(docs, n), Arrays.copyOf(scores, n)));
        }
    }

    private static String text(DealGraph graph, Deal d) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(d.name()).append(". ").append(d.kind() == DealKind.PLATFORM ? "platform" : "add-on acquisition")
                .append(". ").append(d.sector()).append(". ").append(d.region()).append(". ").append(d.year())
                .append(". ").append(d.sizeBand()).append(". ").append(d.description());
        Cluster c = graph.clusterOf(d.id());
        if (c != null) {
            Deal p = c.platform();
            if (p.sponsor() != null) {
                sb.append(". ").append(p.sponsor());
            }
            if (d.kind() == DealKind.ADD_ON) {
                sb.append(". add-on to ").append(p.name());
            }
            for (DealEvent e : c.events()) {
                if (e.dealId().equals(d.id())) {
                    sb.append(". ").append(e.type()).append(' ').append(e.year()).append(' ').append(e.description());
                    if (e.counterparty() != null) {
                        sb.append(' ').append(e.counterparty());
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The ids of the top {@code k} deals for {@code query}, best first (BM25 score, then lower document). */
    List<String> search(String query, int k) {
        Set<String> terms = terms(query);
        if (terms.isEmpty() || k <= 0) {
            return List.of();
        }
        double[] acc = scratch.get();
        boolean any = false;
        for (String t : terms) {
            Postings p = postings.get(t);
            if (p == null) {
                continue;
            }
            any = true;
            int[] docs = p.docs;
            float[] sc = p.scores;
            for (int i = 0; i < docs.length; i++) {
                acc[docs[i]] += sc[i];
            }
        }
        if (!any) {
            return List.of();
        }
        // One pass over all documents in order (cheaper than tracking which were hit: most are),
        // keeping the best k in a min-heap (worst at the root); documents come in increasing
        // order, so a later one only enters with a strictly higher score, as in Lucene. The same
        // pass clears the accumulator for the next query (a separate fill is a second full pass,
        // and no intrinsic when only C1 compiles).
        float[] hs = new float[Math.min(k, acc.length)];
        int[] hd = new int[hs.length];
        int n = 0;
        float worst = 0; // no match scores 0: it never enters
        for (int d = 0; d < acc.length; d++) {
            float score = (float) acc[d];
            acc[d] = 0;
            if (score > worst) {
                if (n < hs.length) {
                    hs[n] = score;
                    hd[n] = d;
                    up(hs, hd, n++);
                    worst = n < hs.length ? 0 : hs[0];
                } else {
                    hs[0] = score;
                    hd[0] = d;
                    down(hs, hd, n);
                    worst = hs[0];
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> better(hs[a], hd[a], hs[b], hd[b]) ? -1 : better(hs[b], hd[b], hs[a], hd[a]) ? 1 : 0);
        List<String> ids = new ArrayList<>(n);
        for (int i : order) {
            ids.add(deals.get(hd[i]).id());
        }
        return ids;
    }

    /** Higher score first; on a tie the lower document, as Lucene's top-k collector. */
    private static boolean better(float s1, int d1, float s2, int d2) {
        return s1 > s2 || (s1 == s2 && d1 < d2);
    }

    private static void up(float[] hs, int[] hd, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(hs[parent], hd[parent], hs[i], hd[i])) {
                return;
            }
            swap(hs, hd, i, parent);
            i = parent;
        }
    }

    private static void down(float[] hs, int[] hd, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int worst = l + 1 < n && better(hs[l], hd[l], hs[l + 1], hd[l + 1]) ? l + 1 : l;
            if (!better(hs[i], hd[i], hs[worst], hd[worst])) {
                return;
            }
            swap(hs, hd, i, worst);
            i = worst;
        }
    }

    private static void swap(float[] hs, int[] hd, int a, int b) {
        float s = hs[a];
        hs[a] = hs[b];
        hs[b] = s;
        int d = hd[a];
        hd[a] = hd[b];
        hd[b] = d;
    }

    /** The index (one segment, document i = the i-th deal): for tests against Lucene's own search. */
    DirectoryReader reader() {
        return reader;
    }

    String idOf(int doc) {
        return deals.get(doc).id();
    }

    /** The analysed terms of {@code text}, distinct, in order. */
    Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Recall@10 and reciprocal rank@10 of {@code positives} in {@code ranked}. */
    static double[] recallAndRr(List<String> ranked, Set<String> positives) {
        int found = 0;
        double rr = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (positives.contains(ranked.get(i))) {
                found++;
                if (rr == 0) {
                    rr = 1.0 / (i + 1);
                }
            }
        }
        return new double[] {positives.isEmpty() ? 0 : found / (double) positives.size(), rr};
    }


    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
