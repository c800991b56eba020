# The code cells of the PyTorch notebook this workbook ports, word for word (outputs left out).
# Notebook comments '// original In [n]: ...' must quote lines of this file; a test checks that they do.

# In [1]:
import torch
import numpy as np
_ = torch.manual_seed(0)

# In [2]:
## Generate a rank deficient matrix

d, k = 10, 10

# this way we can generate a rank deficient matrix
W_rank = 2
W = torch.randn(d, W_rank) @ torch.randn(W_rank, k)
print(W, W.shape)

# In [3]:
# Evaluate the rank of the matrix W
W_rank = np.linalg.matrix_rank(W)
print(f"Rank of W: {W_rank}")

# In [4]:
## Perform SVD on W (W = UxSxV^T)
U, S, V = torch.svd(W)

# For rank-r factorization, we can truncate the SVD to the first r singular values
U_r = U[:,:W_rank]
S_r = torch.diag(S[:W_rank])
V_r = V[:,:W_rank].t() # transpose V_r to get the right dimensions

# Compute B = U_r x S_r and A = V_r
B = U_r @ S_r
A = V_r
print(f"Shape of B: {B.shape}")
print(f"Shape of A: {A.shape}")

# In [6]:
## Given the same input, check the output using the original W matrix and the matrices resulting from the decomposition

# Generate random bias and input
bias = torch.randn(d)
x = torch.randn(d)

# Compute y = Wx + bias
output_W = W @ x + bias

# Compute y' = (B*A)x + bias
output_BA = B @ (A @ x) + bias

# Check if the outputs are the same
print(f"Output using W: {output_W}")
print(f"Output using BA: {output_BA}")

# Find the differences between the two outputs
diff = torch.norm(output_W - output_BA)
print(f"Difference between the two outputs: {diff}")

# In [8]:
print("Total params in W:", W.numel())
print("Total params in B and A:", B.numel() + A.numel())
