#!/usr/bin/env python3
"""Golden optimal values of the UFM models, from the closed forms alone (Python standard library only).

Independent of the Java solver: the formulas are those of SPEC.md 3.1 (Zhu CE + weight decay),
3.2 (Yaras sphere) and 1e (MSE with bias and lambda_b = 0, and without bias, Tirer-Bruna).
Writes src/test/resources/golden.csv; run from the verification/ directory:  python3 golden.py
Columns: model,K,n,d,lambda_W,lambda_H,lambda_b,bias,tau,fstar,solve
(d is the dimension used for the solver check; solve = 1 if the test also solves the instance).

Each value is evaluated twice: in binary64 with the math module (the SPEC 3.7 script) and in 50-digit
decimal arithmetic; the decimal value is written (rounded to 17 significant digits) after checking that
the two agree to 1e-13. The float evaluation alone is not good to 16 digits: for K = 4, n = 5,
lambda = 5e-4 it gives 0.026143563118236554 where the exact value is 0.02614356311823651001...
"""
import math
import os
from decimal import Decimal, getcontext

getcontext().prec = 50


def zhu_ce(K, n, lam_W, lam_H):
    c = K * math.sqrt(n * lam_W * lam_H)          # = K s
    if c >= 1.0:
        return math.log(K)                         # only minimiser W = H = 0
    e = c / (K - c * (K - 1))                      # exp(-rho K/(K-1))
    rho = (K - 1) / K * math.log(1.0 / e)
    return math.log(K / (K - c * (K - 1))) + c * rho


def yaras_sphere(K, tau):
    return math.log1p((K - 1) * math.exp(-tau * K / (K - 1)))


def mse_ufm(K, n, lam_W, lam_H, bias):            # 1/(2N) normalisation, lambda_b = 0
    u = K * math.sqrt(n * lam_W * lam_H)
    if u >= 1.0:
        return (K - 1) / (2 * K) if bias else 0.5
    g = u - u * u / 2
    return (K - 1) / K * g if bias else g


def dec(x):
    return Decimal(repr(x))


def zhu_ce_exact(K, n, lam_W, lam_H):
    K, n, lw, lh = Decimal(K), Decimal(n), dec(lam_W), dec(lam_H)
    c = K * (n * lw * lh).sqrt()
    if c >= 1:
        return K.ln()
    e = c / (K - c * (K - 1))
    rho = (K - 1) / K * (1 / e).ln()
    return (K / (K - c * (K - 1))).ln() + c * rho


def yaras_sphere_exact(K, tau):
    K = Decimal(K)
    return (1 + (K - 1) * (-dec(tau) * K / (K - 1)).exp()).ln()


def mse_ufm_exact(K, n, lam_W, lam_H, bias):
    K, n = Decimal(K), Decimal(n)
    u = K * (n * dec(lam_W) * dec(lam_H)).sqrt()
    if u >= 1:
        return (K - 1) / (2 * K) if bias else Decimal("0.5")
    g = u - u * u / 2
    return (K - 1) / K * g if bias else g


def checked(exact, approx):
    assert abs(float(exact) - approx) <= 1e-13 * abs(approx), (exact, approx)
    return exact


ROWS = []


def ce(K, n, d, lw, lh, lb, bias, solve=1):
    ROWS.append(("ce", K, n, d, lw, lh, lb, int(bias), 0.0, checked(zhu_ce_exact(K, n, lw, lh), zhu_ce(K, n, lw, lh)), solve))


def sphere(K, n, d, tau, solve=1):
    ROWS.append(("sphere", K, n, d, 0.0, 0.0, 0.0, 0, tau, checked(yaras_sphere_exact(K, tau), yaras_sphere(K, tau)), solve))


def mse(K, n, d, lw, lh, bias, solve=1):
    ROWS.append(("mse", K, n, d, lw, lh, 0.0, int(bias), 0.0, checked(mse_ufm_exact(K, n, lw, lh, bias), mse_ufm(K, n, lw, lh, bias)), solve))


# SPEC 3.1 worked example and table; d = K-1 attains the same value
ce(4, 5, 8, 5e-4, 5e-4, 0.0, True)
ce(4, 5, 3, 5e-4, 5e-4, 0.0, True)
ce(4, 5, 8, 5e-4, 5e-4, 0.0, False)
ce(3, 3, 3, 1e-2, 1e-2, 1e-3, True)
ce(10, 100, 12, 5e-4, 5e-4, 0.0, True, solve=0)
ce(10, 500, 12, 5e-4, 5e-4, 0.0, True, solve=0)
ce(100, 50, 120, 5e-4, 5e-4, 0.0, True, solve=0)
# unequal weight decays
ce(5, 4, 6, 1e-3, 2e-2, 0.0, False)
ce(2, 10, 2, 1e-2, 5e-3, 1e-3, True)
ce(6, 2, 5, 3e-2, 1e-3, 0.0, True)
# both sides of the threshold sqrt(lw lh) = 1/(K sqrt n) = 0.1118... (K = 4, n = 5)
ce(4, 5, 8, 0.10, 0.10, 1e-3, True)
ce(4, 5, 8, 0.11, 0.11, 1e-3, True)
ce(4, 5, 8, 0.12, 0.12, 1e-3, True)
ce(4, 5, 8, 0.5, 0.2, 0.0, False)
# SPEC 3.2 table
sphere(4, 5, 8, 1.0)
sphere(4, 5, 8, 5.0)
sphere(4, 5, 3, 10.0)
sphere(10, 2, 9, 1.0)
sphere(10, 2, 12, 5.0)
sphere(10, 2, 9, 10.0, solve=0)
sphere(100, 2, 99, 10.0, solve=0)
sphere(3, 4, 2, 2.0)
# SPEC 1e / 3.4: MSE, bias with lambda_b = 0, and no bias (needs d >= K)
mse(4, 5, 8, 5e-4, 5e-4, True)
mse(4, 5, 8, 5e-4, 5e-4, False)
mse(3, 4, 3, 1e-2, 3e-3, True)
mse(3, 4, 3, 1e-2, 3e-3, False)
mse(4, 5, 8, 0.2, 0.2, True)
mse(4, 5, 8, 0.2, 0.2, False)

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "test", "resources", "golden.csv")
    with open(out, "w") as f:
        f.write("model,K,n,d,lambda_W,lambda_H,lambda_b,bias,tau,fstar,solve\n")
        for r in ROWS:
            f.write("%s,%d,%d,%d,%r,%r,%r,%d,%r,%s,%d\n" % (r[:9] + ("%.17g" % r[9],) + r[10:]))
    print("wrote %d rows to %s" % (len(ROWS), out))
