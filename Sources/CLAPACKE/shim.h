// LAPACKE from Debian's liblapacke-dev. Only LinearAlgebra/LAPACK.swift imports this module.
#include <lapacke.h>
