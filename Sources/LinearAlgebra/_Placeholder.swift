// LinearAlgebra: work in progress this session
