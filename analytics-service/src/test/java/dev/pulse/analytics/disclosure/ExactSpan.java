package dev.pulse.analytics.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The row space of a 0/1 matrix over the rationals, exactly (no floating point): what an observer can
 * compute by adding and subtracting published cells with any coefficients.
 */
final class ExactSpan {

    /** An exact fraction n/d with d > 0. */
    record Q(BigInteger n, BigInteger d) {
        static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);

        static Q of(long v) {
            return new Q(BigInteger.valueOf(v), BigInteger.ONE);
        }

        Q {
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            BigInteger g = n.gcd(d);
            if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
                n = n.divide(g);
                d = d.divide(g);
            }
            if (n.signum() == 0) {
                d = BigInteger.ONE;
            }
        }

        Q minus(Q o) {
            return new Q(n.multiply(o.d).subtract(o.n.multiply(d)), d.multiply(o.d));
        }

        Q times(Q o) {
            return new Q(n.multiply(o.n), d.multiply(o.d));
        }

        Q dividedBy(Q o) {
            return new Q(n.multiply(o.d), d.multiply(o.n));
        }

        boolean isZero() {
            return n.signum() == 0;
        }
    }

    private final int width;
    /** Rows in echelon form, each with a pivot column whose entry is 1. */
    private final List<Q[]> basis = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();

    ExactSpan(int width, List<long[]> rows) {
        this.width = width;
        rows.forEach(this::add);
    }

    int rank() {
        return basis.size();
    }

    private Q[] reduce(long[] row) {
        Q[] v = new Q[width];
        for (int i = 0; i < width; i++) {
            v[i] = Q.of(row[i]);
        }
        for (int b = 0; b < basis.size(); b++) {
            int p = pivots.get(b);
            if (!v[p].isZero()) {
                Q factor = v[p];
                Q[] base = basis.get(b);
                for (int i = 0; i < width; i++) {
                    v[i] = v[i].minus(factor.times(base[i]));
                }
            }
        }
        return v;
    }

    private void add(long[] row) {
        Q[] v = reduce(row);
        for (int p = 0; p < width; p++) {
            if (!v[p].isZero()) {
                Q pivot = v[p];
                for (int i = 0; i < width; i++) {
                    v[i] = v[i].dividedBy(pivot);
                }
                // keep the basis fully reduced so later reductions stay correct
                for (int b = 0; b < basis.size(); b++) {
                    Q[] other = basis.get(b);
                    if (!other[p].isZero()) {
                        Q factor = other[p];
                        for (int i = 0; i < width; i++) {
                            other[i] = other[i].minus(factor.times(v[i]));
                        }
                    }
                }
                basis.add(v);
                pivots.add(p);
                return;
            }
        }
    }

    /** True if the vector is a rational combination of the rows, i.e. derivable from them. */
    boolean contains(long[] vector) {
        for (Q q : reduce(vector)) {
            if (!q.isZero()) {
                return false;
            }
        }
        return true;
    }
}
