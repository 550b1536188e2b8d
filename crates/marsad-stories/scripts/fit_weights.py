"""Fits the same-story logit on labelled pairs (logistic regression by IRLS, no numpy).

    cargo run --release -p marsad-stories --example ant_stories -- --labelled-only --pairs 2>/tmp/ant_pairs.tsv
    python3 crates/marsad-stories/scripts/fit_weights.py /tmp/ant_pairs.tsv

Prints [bias, cosine, names, figures, dates, quotes, per-day penalty (after 2 days), title cosine]
and pair precision/recall at three cuts. Pairs with cosine < 0.03 and no shared name are left
out (the index never scores them: they share no query term).
"""
import math, sys
rows=[]
for i,l in enumerate(open(sys.argv[1] if len(sys.argv)>1 else '/tmp/ant_pairs.tsv')):
    if i==0: hdr=l.split(); continue
    p=l.split('\t'); rows.append([float(v) for v in p])
def feats(r):
    same,cos,names,fig,dates,quotes,days=r[:7]
    d = max(0.0, days-2.0) if days>=0 else 0.0
    return [1.0,cos,names,fig,dates,quotes,d]+r[7:]
cand=[r for r in rows if r[1]>=0.03 or r[2]>0]
X=[feats(r) for r in cand]; Y=[r[0] for r in cand]
n=len(X[0]); w=[0.0]*n; lam=1.0
def solve(A,b):
    m=len(b); M=[A[i][:]+[b[i]] for i in range(m)]
    for c in range(m):
        p=max(range(c,m),key=lambda r:abs(M[r][c])); M[c],M[p]=M[p],M[c]
        for r in range(m):
            if r!=c:
                f=M[r][c]/M[c][c]
                for k in range(c,m+1): M[r][k]-=f*M[c][k]
    return [M[i][m]/M[i][i] for i in range(m)]
for it in range(12):
    H=[[lam if i==j and i>0 else 0.0 for j in range(n)] for i in range(n)]; g=[lam*w[i] if i>0 else 0.0 for i in range(n)]
    for x,y in zip(X,Y):
        z=sum(a*b for a,b in zip(w,x)); p=1/(1+math.exp(-max(-30,min(30,z))))
        e=p-y; s=p*(1-p)
        for i in range(n):
            g[i]+=e*x[i]; xi=x[i]*s
            Hi=H[i]
            for j in range(n): Hi[j]+=xi*x[j]
    d=solve(H,g); w=[a-b for a,b in zip(w,d)]
print('w',[round(v,3) for v in w])
for th in (0.3,0.5,0.7):
    tp=fp=fn=0
    for x,y in zip(X,Y):
        z=sum(a*b for a,b in zip(w,x)); p=1/(1+math.exp(-z))
        if p>=th and y: tp+=1
        elif p>=th: fp+=1
        elif y: fn+=1
    print(th,'pairP',round(tp/(tp+fp+1e-9),3),'pairR',round(tp/(tp+fn+1e-9),3))
