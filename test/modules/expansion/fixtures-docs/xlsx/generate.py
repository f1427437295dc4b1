# Writes the .xlsx fixtures of this folder with openpyxl and records what
# pandas.read_excel(path).to_string() prints for each (pandas-expected.json).
# Run with Debian bookworm's python3-pandas (1.5.3) and python3-openpyxl.
# (The ods_like frames at the end were a cross-check of the ODS table layout.)
import openpyxl, datetime, pandas as pd, json, sys
cases = {
 'basic': [['header'], ['xlsx test']],
 'nums': [['a','b','c'], [1, 2.5, 'x'], [3, None, 'y'], [4, 1e-7, None]],
 'floats': [['f','g'], [1.5, 1234567.891], [2.25, 3.0], [None, 99999999.5]],
 'mixed': [['m','n','o','p'], ['1', True, 'NA', datetime.datetime(2020,1,2)], ['abc', False, 'x', datetime.datetime(2021,3,4,5,6,7)], [2.5, None, None, None]],
 'dates': [['d', 'e'], [datetime.datetime(2020,1,2), datetime.datetime(2020,1,2,3,4,5)], [datetime.datetime(2021,2,3), None]],
 'dups': [['x', None, 'x', 'x.1', 5], ['a\tb', 'c\nd', 'e', 'f', 'g'], [None, None, None, None, None], ['h', 'i', 'j', 'k', 'l']],
 'bools': [['b1','b2','b3'], [True, 'TRUE', True], [False, 'false', None]],
 'wide': [['long header name here', 'z'], [-1, -2.5], [10, 1e20]],
 'headeronly': [['a','b']],
 'empty': [],
}
out = {}
for name, rows in cases.items():
    wb = openpyxl.Workbook(); ws = wb.active
    for r in rows: ws.append(r)
    path = f'./{name}.xlsx'; wb.save(path)
    out[name] = pd.read_excel(path).to_string(max_rows=None)
json.dump(out, open('./pandas-expected.json','w'))
# ods-like frames: dict of lists -> sanitize -> to_string
from collections import OrderedDict
def sanitize(df):
    for i in df.index.tolist()[-1::-1]:
        if df.iloc[i].isna().all(): df.drop(i, inplace=True)
        else: break
    cols = [c for c in df if not df[c].isnull().all()]
    return df[cols]
ods = {
 'o1': [['ods test']],
 'o2': [[1.0, 'a', None, True], [2.5, None, None, False], [None, None, None, None]],
 'o3': [[None, '2020-01-01', 0.5], ['x', None, 12345678.9], [None, None, None]],
 'o4': [['a\nb', 1e-8], [None, 3.0]],
}
oout = {}
for name, rows in ods.items():
    cols = [f'column.{j}' for j in range(len(rows[0]))]
    d = OrderedDict((c, [r[j] for r in rows]) for j, c in enumerate(cols))
    oout[name] = sanitize(pd.DataFrame(d)).to_string(max_rows=None)
json.dump(oout, open('./ods-like-expected.json','w'))
