// SPDX-License-Identifier: GPL-2.0
/*
 * What an x86_64 signal frame says about the hardware trap behind it: the
 * trap number, the page-fault error code and cr2. Linux keeps them per
 * thread (thread.trap_nr, error_code, cr2) when a trap becomes a signal,
 * and setup_sigcontext copies them into every later frame; core keeps
 * them in task->trap and the frame code (signal.c) copies them out.
 *
 * The host backend reports the trap number (host_trap.trapno) but SKAS0
 * cannot see the page-fault error code: a tracer gets si_code (MAPERR: the
 * page was not present, ACCERR: it was) and si_addr, not whether the
 * access was a read, a write or an instruction fetch. Heuristic, flagged:
 * a fault inside the instruction at rip that could not be read is a
 * fetch; otherwise the instruction at rip is decoded just far enough to
 * tell whether it writes memory (stores, read-modify-write operations,
 * push and call, string stores, x87/SSE/AVX stores). What the decoder
 * does not know counts as a read, the common case. A backend that knows
 * the access (host_trap.access) is believed instead.
 */
#include "arch.h"
#include "host.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"

#define X86_TRAP_PF 14
#define PF_PROT 0x1   /* the page was present: a protection violation */
#define PF_WRITE 0x2
#define PF_USER 0x4
#define PF_INSTR 0x10 /* an instruction fetch */
#define INSN_MAX 15

struct insn {
	const u8 *b;
	size_t n, i;
	bool p66, pf2, pf3, vex;
	int map;      /* 0: one-byte, 1: 0F, 2: 0F 38, 3: 0F 3A */
	u8 op, modrm;
};

static int insn_byte(struct insn *x)
{
	return x->i < x->n ? x->b[x->i++] : -1;
}

/* Prefixes, REX, VEX/EVEX and the opcode; the ModRM byte if any follows.
 * false if the bytes ran out. */
static bool insn_decode(struct insn *x)
{
	int c;

	for (;;) {
		c = insn_byte(x);
		if (c < 0)
			return false;
		if (c == 0x66) {
			x->p66 = true;
		} else if (c == 0xf2 || c == 0xf3) {
			x->pf2 = c == 0xf2;
			x->pf3 = c == 0xf3;
		} else if (c != 0xf0 && c != 0x2e && c != 0x36 && c != 0x3e && c != 0x26 &&
			   c != 0x64 && c != 0x65 && c != 0x67) {
			break;
		}
	}
	if ((c & 0xf0) == 0x40) /* REX */
		c = insn_byte(x);
	if (c == 0xc5 || c == 0xc4 || c == 0x62) {
		/* VEX2, VEX3, EVEX: map and implied prefix, then the opcode. */
		int b1 = insn_byte(x), pp;

		if (b1 < 0)
			return false;
		x->vex = true;
		if (c == 0xc5) {
			x->map = 1;
			pp = b1 & 3;
		} else {
			int b2 = insn_byte(x);

			if (b2 < 0)
				return false;
			x->map = c == 0xc4 ? (b1 & 0x1f) : (b1 & 7);
			pp = b2 & 3;
			if (c == 0x62 && insn_byte(x) < 0) /* EVEX P2 */
				return false;
		}
		x->p66 = pp == 1;
		x->pf3 = pp == 2;
		x->pf2 = pp == 3;
		c = insn_byte(x);
	} else if (c == 0x0f) {
		c = insn_byte(x);
		x->map = 1;
		if (c == 0x38 || c == 0x3a) {
			x->map = c == 0x38 ? 2 : 3;
			c = insn_byte(x);
		}
	}
	if (c < 0)
		return false;
	x->op = (u8)c;
	c = insn_byte(x); /* ModRM, when the opcode has one */
	x->modrm = c < 0 ? 0xc0 : (u8)c;
	return true;
}

/* One-byte opcodes: does the instruction write its ModRM memory operand or
 * the stack? addr is the faulting address, r the registers at the fault. */
static bool insn_writes_map0(const struct insn *x, u64 addr, const struct arch_regs *r)
{
	u8 op = x->op, reg = (x->modrm >> 3) & 7;
	bool mem = (x->modrm >> 6) != 3;

	if (op < 0x40 && (op & 7) <= 1 && (op & 0x38) != 0x38)
		return mem; /* ADD/OR/ADC/SBB/AND/SUB/XOR r/m, r (CMP only reads) */
	switch (op) {
	case 0x50 ... 0x57: case 0x68: case 0x6a: case 0x9c: case 0xc8: case 0xe8:
		return true; /* push, pushf, enter, call: a store below rsp */
	case 0x80 ... 0x83:
		return mem && reg != 7;
	case 0x86: case 0x87: case 0x88: case 0x89: case 0x8c:
		return mem;
	case 0x8f: /* pop r/m: reads the stack, writes the operand */
		return !(addr >= r->rsp && addr < r->rsp + 8);
	case 0xa4: case 0xa5: /* movs: reads (rsi), writes (rdi) */
		return addr >= r->rdi && addr < r->rdi + 8;
	case 0xaa: case 0xab:
		return true; /* stos */
	case 0xc0: case 0xc1: case 0xd0 ... 0xd3:
		return mem; /* shifts and rotates */
	case 0xc6: case 0xc7:
		return mem && reg == 0;
	case 0xd9:
		return mem && (reg == 2 || reg == 3 || reg >= 6); /* fst(p), fnstenv, fnstcw */
	case 0xdb:
		return mem && (reg == 1 || reg == 2 || reg == 3 || reg == 7); /* fist(t)(p), fstp m80 */
	case 0xdd:
		return mem && (reg == 1 || reg == 2 || reg == 3 || reg >= 6); /* fst(p), fnsave, fnstsw */
	case 0xdf:
		return mem && (reg == 1 || reg == 2 || reg == 3 || reg >= 6); /* fist(t)(p), fbstp */
	case 0xf6: case 0xf7:
		return mem && (reg == 2 || reg == 3); /* not, neg */
	case 0xfe:
		return mem && reg <= 1; /* inc, dec */
	case 0xff:
		if (reg <= 1)
			return mem; /* inc, dec */
		if (reg == 2 || reg == 6) /* call, push r/m: read the operand, push */
			return addr < r->rsp && addr >= r->rsp - 8;
		return false;
	default:
		return false;
	}
}

/* 0F, 0F 38 and 0F 3A opcodes, legacy or VEX/EVEX encoded. */
static bool insn_writes_map123(const struct insn *x)
{
	u8 op = x->op, reg = (x->modrm >> 3) & 7;
	bool mem = (x->modrm >> 6) != 3;

	if (!mem)
		return false;
	if (x->map == 1) {
		switch (op) {
		case 0x11: case 0x13: case 0x17: case 0x29: case 0x2b: /* mov{u,a,l,h,nt}p[sd] stores */
		case 0x7f: case 0xd6: case 0xe7: case 0xc3:            /* movq/movdq[au]/movnt stores */
		case 0x90 ... 0x9f:                                     /* setcc */
		case 0xa4: case 0xa5: case 0xab: case 0xac: case 0xad:  /* shld, bts, shrd */
		case 0xb0: case 0xb1: case 0xb3: case 0xbb:             /* cmpxchg, btr, btc */
		case 0xc0: case 0xc1:                                   /* xadd */
			return true;
		case 0x7e:
			return !x->pf3; /* movd/movq r/m, (x)mm; F3 is movq xmm, m64 */
		case 0xba:
			return reg >= 5; /* bts/btr/btc imm */
		case 0xc7:
			return reg == 1; /* cmpxchg8b/16b */
		case 0xae:
			return reg == 0 || reg == 3 || reg == 4 || reg == 6; /* fxsave, stmxcsr, xsave* */
		case 0x01:
			return reg == 0 || reg == 1 || reg == 4; /* sgdt, sidt, smsw */
		default:
			return false;
		}
	}
	if (x->map == 2) {
		if (op == 0xf1)
			return !x->pf2; /* movbe m, r (F2: crc32) */
		/* vmaskmov, vpmaskmov, scatters and compress stores */
		return x->vex && (op == 0x2e || op == 0x2f || op == 0x8e || op == 0x8a ||
				  op == 0x8b || op == 0x63 || (op >= 0xa0 && op <= 0xa3));
	}
	if (x->map == 3) /* pextr*, extractps, vextract*, vcvtps2ph */
		return (op >= 0x14 && op <= 0x17) ||
		       (x->vex && (op == 0x19 || op == 0x1b || op == 0x1d || op == 0x39 ||
				   op == 0x3b));
	return false;
}

/* Was the page present for the hardware, as Linux's page table would have
 * it? A frame behind the address in an accessible VMA; PROT_NONE pages are
 * never present (Linux keeps them as not-present PROT_NONE entries). The
 * host's ACCERR is no guide: it also covers pages our fault-around mapped
 * before the guest touched them. Known difference: a write to a never
 * touched page of a read-only VMA reports present, because SKAS0 first
 * maps it for reading (mm_fault) and the write then faults again; Linux
 * says not present (6 where we say 7). */
static bool trap_page_present(struct mm *mm, u64 addr)
{
	struct vma *v = mm_find_vma(mm, addr);
	pte_t *pte;

	if (!v || v->start > addr || !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return false;
	pte = radix_slot(&mm->pt, addr >> PAGE_SHIFT, false);
	return pte && (*pte & PTE_PRESENT);
}

/* The page-fault error code Linux would have seen for this fault. */
static u64 trap_pf_error(struct task *t, const struct host_trap *trap)
{
	u8 buf[INSN_MAX];
	struct insn x = { .b = buf };
	u64 rip = t->regs.rip, err = PF_USER;

	if (trap_page_present(t->mm, trap->addr))
		err |= PF_PROT;
	if (trap->access) {
		if (trap->access & HOST_ACCESS_WRITE)
			err |= PF_WRITE;
		if (trap->access & HOST_ACCESS_EXEC)
			err |= PF_INSTR;
		return err;
	}
	x.n = mm_copy_from_partial(t->mm, buf, rip, sizeof(buf));
	if (trap->addr >= rip && trap->addr - rip < INSN_MAX && x.n <= trap->addr - rip)
		return err | PF_INSTR; /* the instruction itself could not be read */
	if (!insn_decode(&x))
		return err;
	if (x.map == 0 ? insn_writes_map0(&x, trap->addr, &t->regs) : insn_writes_map123(&x))
		err |= PF_WRITE;
	return err;
}

void arch_trap_note(struct task *t, const struct host_trap *trap, bool fault)
{
	if (fault) {
		t->trap.trapno = X86_TRAP_PF;
		t->trap.err = trap_pf_error(t, trap);
		t->trap.cr2 = trap->addr;
		return;
	}
	/* Other traps: the number, no error code; cr2 keeps the last fault's
	 * address, as on Linux. */
	t->trap.trapno = trap->trapno;
	t->trap.err = 0;
}
